package io.chatprivacy.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of mail delivery and of the transport key of verification codes and export tokens. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /**
     * Base64 of the 32-byte AES key shared with deletion-service that seals verification codes, access
     * export tokens and the codes that open access copies in transit ({@code CODE_TRANSPORT_KEY}). Required in production.
     */
    String codeTransportKey();

    /**
     * deletion-service's base URL: where owners present verification codes (quoted in the verification
     * mail).
     */
    @WithDefault("http://localhost:8083")
    String deletionServiceUrl();

    /**
     * The privacy center's base URL (the console's public pages, {@code PRIVACY_CENTER_URL}): a receipt of a
     * request made there links to {@code <this>/privacy/<accountId>/requests/<requestId>?token=<status token>},
     * an access mail to {@code <this>/privacy/<accountId>/copies/<exportId>?token=<export token>}.
     * Required in production.
     */
    String privacyCenterUrl();

    /** Right-hand side of the Message-ID of every mail ({@code <mail id@domain>}). */
    @WithDefault("notification.chat-privacy.local")
    String messageIdDomain();

    Dispatch dispatch();

    /** The dispatcher that sends queued mail. */
    interface Dispatch {

        /** Whether this instance sends mail (all replicas may: rows are claimed with SKIP LOCKED). */
        @WithDefault("true")
        boolean enabled();

        /** How often the dispatcher looks for due mail when nothing woke it up. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Mails sent per round at most. */
        @WithDefault("50")
        int batchSize();

        /** Delay after the first failed attempt; doubled after each further failure. */
        @WithDefault("2s")
        Duration initialBackoff();

        /** Longest delay between attempts. */
        @WithDefault("1m")
        Duration maxBackoff();

        /** A failure is reported on notification-events at the first failed attempt and every Nth after. */
        @WithDefault("10")
        int failureReportEvery();

        /** How long after queueing a mail that still fails is given up. */
        @WithDefault("P3D")
        Duration giveUpAfter();
    }
}
