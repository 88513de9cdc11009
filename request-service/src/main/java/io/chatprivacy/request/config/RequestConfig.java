package io.chatprivacy.request.config;

import io.chatprivacy.request.domain.HolidayCalendar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The statutory clock's calendar, the deadline sweep and how long request records keep identities. */
@ConfigMapping(prefix = "request")
public interface RequestConfig {

    /** The computed holiday calendar business days skip: {@code US_FEDERAL} or {@code NONE}. */
    @WithDefault("US_FEDERAL")
    HolidayCalendar.Kind holidays();

    /** More non-business days, e.g. {@code 2026-12-24,2026-12-31}. */
    Optional<List<LocalDate>> extraHolidays();

    /** The zone whose dates decide business days and days left. */
    @WithDefault("UTC")
    ZoneId zone();

    /** Days before the (extended) due date that agents get a reminder. */
    @WithDefault("7")
    int reminderDays();

    /** Months after receipt that a request keeps the consumer's identity; then it is erased. */
    @WithDefault("24")
    int retentionMonths();

    /**
     * The jurisdiction of a request opened without one (its pack must be among {@link #jurisdictions()}).
     */
    @WithDefault("CA")
    String defaultJurisdiction();

    /** The jurisdictions whose packs are read at start-up, each from {@code jurisdictions/<code>.json}. */
    @WithDefault("CA,VA,CO,CT,OR,TX")
    List<String> jurisdictions();

    /** How often the deadline sweep runs ({@code off} in tests, which call it themselves). */
    Sweep deadlineSweep();

    /** How often the retention job runs. */
    Sweep retentionSweep();

    /**
     * Base64 of the 32-byte key shared with notification-service ({@code CODE_TRANSPORT_KEY}): consumers' codes
     * and status tokens travel to it sealed under this key; the codes' keyed hashes use a key derived from it.
     */
    String codeTransportKey();

    /** How the privacy center verifies consumers and keeps abuse out. */
    PrivacyCenter privacyCenter();

    /** The privacy center's limits. */
    interface PrivacyCenter {
        /** How long a consumer's code works. */
        @WithDefault("1h")
        java.time.Duration codeTtl();

        /** Wrong codes that lock an intake for good. */
        @WithDefault("5")
        int maxAttempts();

        /** Codes one intake may be sent (the first and the new ones asked for). */
        @WithDefault("3")
        int maxCodes();

        /** Intakes one address may submit to one account in 24 hours. */
        @WithDefault("10")
        int dailyIntakesPerAddress();
    }

    /** A scheduled job's timing, read by its {@code @Scheduled} expression. */
    interface Sweep {
        /** An interval such as {@code 15m}, or {@code off}. */
        String every();

        /** The delay after start-up before the first run. */
        String delayed();
    }
}
