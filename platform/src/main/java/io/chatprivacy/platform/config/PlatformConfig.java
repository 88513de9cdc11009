package io.chatprivacy.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Settings of the shared plumbing: outbox relay, idempotent consumer and housekeeping. */
@ConfigMapping(prefix = "backbone")
public interface PlatformConfig {

    /** CloudEvents {@code source} of the events this service publishes; defaults to {@code /<application name>}. */
    Optional<String> eventSource();

    Outbox outbox();

    Inbox inbox();

    Http http();

    Oidc oidc();

    /** Transactional outbox relay. */
    interface Outbox {

        /** Whether this instance relays outbox rows to Kafka. */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for rows when nothing woke it up. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Rows sent per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Longest pause between attempts while Kafka is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * How long a relay round may sit idle in its transaction before PostgreSQL ends it, freeing the relay
         * lock for another replica: the round of a replica gone without closing its connection (its host lost)
         * would otherwise hold the lock until the server's TCP keepalive noticed, two hours by default. Longer
         * than a round's transaction (120 s), so a live round is never ended.
         */
        @WithDefault("150s")
        Duration takeoverAfter();

        /** How long relayed rows are kept before housekeeping removes them. */
        @WithDefault("P7D")
        Duration retention();
    }

    /** The HTTP edge, before any route. */
    interface Http {

        /**
         * Longest request URI (path and query) answered; a longer one is a 414 problem. Must stay below
         * {@code quarkus.http.limits.max-initial-line-length}, beyond which the HTTP codec answers a bare
         * 414 before any route runs.
         */
        @WithDefault("8192")
        int maxUriLength();
    }

    /**
     * A second token issuer besides the system's own signer: an OpenID Connect provider, whose tokens are checked
     * against its JWKS ({@code security.IssuerTokens}). Without an issuer only the own signer's tokens are accepted.
     */
    interface Oidc {

        /** The provider's issuer ({@code iss} of its tokens, base of its discovery document); empty = none. */
        Optional<String> issuer();

        /** Its JWKS; empty = the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}. */
        Optional<String> jwksUrl();

        /** What its tokens must name in {@code aud}; empty = not checked. */
        Optional<String> audience();
    }

    /** Idempotent consumer. */
    interface Inbox {

        /** Attempts for a transient failure before the event goes to the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        /** First back-off between attempts; doubled each time. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** Longest back-off between attempts. */
        @WithDefault("2s")
        Duration maxBackoff();

        /** How long processed event ids are remembered; must exceed the topics' retention. */
        @WithName("retention")
        @WithDefault("P30D")
        Duration retention();
    }
}
