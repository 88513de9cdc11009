package io.chatprivacy.deletion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;

/** Settings of deletion jobs (verification codes and purges) and of access exports. */
@ConfigMapping(prefix = "deletion")
public interface DeletionConfig {

    Verification verification();

    Purge purge();

    Export export();

    /** The one-time codes that authorise a purge. */
    interface Verification {

        /** Digits of a code (at least 8). */
        @WithDefault("8")
        int codeDigits();

        /** How long a code may be presented after it was issued. */
        @WithDefault("PT30M")
        Duration validity();

        /** Wrong codes after which a job locks. */
        @WithDefault("5")
        int maxAttempts();

        /** Shortest time between two codes for the same request (a resend kills the old code). */
        @WithDefault("PT1M")
        Duration resendInterval();

        /** How often unused codes past their window are expired ({@code off} to disable). */
        @WithDefault("30s")
        String expirySweepEvery();
    }

    /** The purge itself. */
    interface Purge {

        /** Items deleted per transaction; the job's progress is committed with each chunk. */
        @WithDefault("5000")
        int chunkSize();

        /** How long the verification call waits for the purge before answering 202 instead of the receipt. */
        @WithDefault("PT30S")
        Duration respondWithin();

        /**
         * A purge of at least this many items first refreshes the planner's statistics of the tables it
         * works on ({@code analyze}): right after a bulk ingest they may still describe far smaller tables.
         */
        @WithDefault("10000")
        int analyzeAbove();

        /** Purges run at the same time by this instance. */
        @WithDefault("2")
        int workers();

        /** How often purges left unfinished are looked for ({@code off} to disable; start-up always looks). */
        @WithDefault("60s")
        String resumeEvery();
    }

    /**
     * Copies of a consumer's data for ACCESS requests: mailed as a link, opened with the link's token and a
     * one-time code mailed to the consumer's address.
     */
    interface Export {

        /** How long an export can be read after it was prepared. */
        @WithDefault("P7D")
        Duration ttl();

        /**
         * The earliest collection date a copy covers (Cal. Civ. Code 1798.130(a)(2)(B); 11 CCR 7024(h): the
         * right to know reaches back to 1 January 2022): items whose chat started or ticket was created before
         * its start (UTC) are not in the copy.
         */
        @WithDefault("2022-01-01")
        LocalDate coversFrom();

        /** Digits of a code that opens a copy (at least 8). */
        @WithDefault("8")
        int codeDigits();

        /** How long such a code may be presented after it was issued. */
        @WithDefault("PT30M")
        Duration codeValidity();

        /** Codes one export may have sent, in all. */
        @WithDefault("3")
        int maxCodes();

        /** Wrong codes (over all its codes) after which an export locks for good. */
        @WithDefault("5")
        int maxAttempts();

        /** How often expired exports are made unreadable ({@code off} to disable). */
        @WithDefault("10m")
        String expirySweepEvery();
    }
}
