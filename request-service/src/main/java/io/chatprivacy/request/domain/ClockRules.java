package io.chatprivacy.request.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The numbers a {@link StatutoryClock} counts with for one jurisdiction: the acknowledgement period, the response
 * period (per request type where a type has its own), the one extension and the types that may not be extended.
 * A jurisdiction's pack supplies them ({@code JurisdictionPack#clockRules()}); {@link #CCPA} are California's,
 * the numbers the clock used before packs existed.
 *
 * @param acknowledge the period to confirm receipt within
 * @param response the period to answer within, for every type {@code responseByType} does not name
 * @param responseByType types with a response period of their own (California's opt-outs and limits)
 * @param extension what the one extension adds to the original due date
 * @param notExtendable types whose period cannot be extended
 */
public record ClockRules(
        Period acknowledge,
        Period response,
        Map<RequestType, Period> responseByType,
        Period extension,
        Set<RequestType> notExtendable) {

    /** How a period counts its days. */
    public enum DayCount {
        /** Monday to Friday that are not holidays of the clock's calendar. */
        BUSINESS,
        /** Every day. */
        CALENDAR
    }

    /** A number of days and how they count. */
    public record Period(int days, DayCount count) {
        public Period {
            Objects.requireNonNull(count, "count");
            if (days < 0) {
                throw new IllegalArgumentException("days must not be negative");
            }
        }
    }

    /**
     * California (Cal. Civ. Code §1798.130; 11 CCR §§7021, 7026, 7027): receipt confirmed within 10 business days,
     * 45 calendar days to answer, opt-outs and limits within 15 business days and never extended, one extension
     * of 45 calendar days.
     */
    public static final ClockRules CCPA = new ClockRules(
            new Period(StatutoryClock.ACKNOWLEDGE_BUSINESS_DAYS, DayCount.BUSINESS),
            new Period(StatutoryClock.RESPONSE_DAYS, DayCount.CALENDAR),
            Map.of(
                    RequestType.OPT_OUT, new Period(StatutoryClock.OPT_OUT_BUSINESS_DAYS, DayCount.BUSINESS),
                    RequestType.LIMIT, new Period(StatutoryClock.OPT_OUT_BUSINESS_DAYS, DayCount.BUSINESS)),
            new Period(StatutoryClock.EXTENSION_DAYS, DayCount.CALENDAR),
            Set.of(RequestType.OPT_OUT, RequestType.LIMIT));

    public ClockRules {
        Objects.requireNonNull(acknowledge, "acknowledge");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(extension, "extension");
        responseByType = responseByType == null || responseByType.isEmpty()
                ? Map.of()
                : Map.copyOf(new EnumMap<>(responseByType));
        notExtendable = notExtendable == null ? Set.of() : Set.copyOf(notExtendable);
    }

    /** The response period of a request of {@code type}. */
    public Period responseFor(RequestType type) {
        return responseByType.getOrDefault(type, response);
    }

    /** Whether a request of {@code type} may take the one extension. */
    public boolean extendable(RequestType type) {
        return !notExtendable.contains(type);
    }
}
