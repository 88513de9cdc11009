package io.chatprivacy.stack;

import java.util.Locale;

/** The four services, in start order. */
public enum Service {
    CONSENT("consent-service", "consent", 8081),
    REQUEST("request-service", "request", 8082),
    DELETION("deletion-service", "deletion", 8083),
    NOTIFICATION("notification-service", "notification", 8084);

    private final String module;
    private final String database;
    private final int defaultPort;

    Service(String module, String database, int defaultPort) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
    }

    /** The Maven module (folder) name, e.g. {@code consent-service}; also the log file's base name. */
    public String module() {
        return module;
    }

    /** The service's PostgreSQL database. */
    public String database() {
        return database;
    }

    /** The port in the default layout (8081..8084). */
    public int defaultPort() {
        return defaultPort;
    }

    /** Prefix of the service's own environment overrides, e.g. {@code CONSENT_} for {@code CONSENT_DB_URL}. */
    public String envPrefix() {
        return name() + "_";
    }

    /** Accepts {@code consent-service}, {@code consent} or {@code CONSENT}. */
    public static Service parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Service s : values()) {
            if (s.module.equals(t) || s.database.equals(t) || s.name().equalsIgnoreCase(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown service '" + text + "': use consent-service, request-service,"
                + " deletion-service or notification-service");
    }

    @Override
    public String toString() {
        return module;
    }
}
