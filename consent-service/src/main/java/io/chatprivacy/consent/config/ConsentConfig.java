package io.chatprivacy.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** consent-service's settings: the pseudonym key, the public endpoints' limits, caches and the ledger writer. */
@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    /**
     * Base64 of at least 32 random bytes: keys the email blind index and the IP hashes. Required in
     * production ({@code PSEUDONYM_KEY}); changing it makes existing indexes unfindable.
     */
    String pseudonymKey();

    RateLimit rateLimit();

    Cache cache();

    Ledger ledger();

    Widget widget();

    SelfTest selfTest();

    /** Token buckets on the widget's public endpoints, per replica. */
    interface RateLimit {

        /** Sustained requests per second from one client address (IPv6: one /64). */
        @WithDefault("20")
        double perIp();

        /** Requests one client address may make in a burst. */
        @WithDefault("40")
        int perIpBurst();

        /** Sustained requests per second for one account's widget key, from all addresses together. */
        @WithDefault("500")
        double perAccount();

        /** Requests one account's widget may make in a burst. */
        @WithDefault("1000")
        int perAccountBurst();

        /** Most addresses tracked at once; beyond it idle buckets are dropped (they are full anyway). */
        @WithDefault("100000")
        int maxTrackedKeys();
    }

    /** In-memory caches on the hot path. */
    interface Cache {

        /** How long a widget key's account (or its absence) is trusted before it is read again. */
        @WithDefault("10s")
        Duration accountTtl();

        /** How long the widget is served a cached "current form" before the latest version is read again. */
        @WithDefault("5s")
        Duration currentFormTtl();
    }

    /** The group-commit writer of the ledger. */
    interface Ledger {

        /** Threads that write batches; each batch is one transaction. */
        @WithDefault("2")
        int writers();

        /** Most consents written in one transaction. */
        @WithDefault("256")
        int maxBatch();

        /** Consents waiting to be written before callers are told to come back later (503). */
        @WithDefault("20000")
        int queueCapacity();

        /** How long a caller waits for its consent to be committed before it gets a 503. */
        @WithDefault("20s")
        Duration writeTimeout();
    }

    /** The widget's public endpoints. */
    interface Widget {

        /** Largest request body the widget may send. */
        @WithDefault("16384")
        int maxBodyBytes();

        /** How long a browser may cache a CORS preflight answer. */
        @WithDefault("600")
        int corsMaxAgeSeconds();
    }

    /** The opt-out self-test: a synthetic visitor per account opts out, and everything is checked to honour it. */
    interface SelfTest {

        /** How often each active account is tested ({@code off} disables the schedule; owners may still run one). */
        @WithDefault("24h")
        String every();

        /** How long the checks may take to pass before the run fails. */
        @WithDefault("10m")
        Duration deadline();

        /** The pause between two rounds of checks. */
        @WithDefault("1s")
        Duration pollInterval();

        /** request-service's base URL: the self-test submits its opt-out on the account's public privacy center. */
        @WithDefault("http://localhost:8082")
        String requestServiceUrl();

        /** Longest wait for one HTTP call to request-service. */
        @WithDefault("10s")
        Duration httpTimeout();
    }
}
