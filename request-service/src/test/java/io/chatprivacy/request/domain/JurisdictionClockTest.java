package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.request.domain.StatutoryClock.ExtensionRefusal;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPack;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statutory clock counting with each jurisdiction's pack instead of constants. */
class JurisdictionClockTest {

    private static final JurisdictionPacks PACKS = JurisdictionPacks.fromClassPath(
            new ObjectMapper().findAndRegisterModules(), List.of("CA", "VA", "CO", "CT", "OR", "TX"), "CA");

    private final StatutoryClock clock = new StatutoryClock();

    /** A Friday before Thanksgiving week: business days skip the weekend and the holiday. */
    private static final Instant RECEIVED = Instant.parse("2026-11-20T09:30:00Z");

    private static ClockRules rules(String code) {
        return PACKS.find(code).orElseThrow().clockRules();
    }

    @Test
    void californiaCountsAsTheClockAlwaysDid() {
        for (RequestType type : RequestType.values()) {
            assertThat(clock.deadlines(rules("CA"), type, RECEIVED)).isEqualTo(clock.deadlines(type, RECEIVED));
        }
        // 15 business days for an opt-out: Thanksgiving (26 Nov) and two weekends skipped
        assertThat(clock.deadlines(rules("CA"), RequestType.OPT_OUT, RECEIVED).dueAt())
                .isEqualTo(Instant.parse("2026-12-14T09:30:00Z"));
        assertThat(StatutoryClock.countsBusinessDays(rules("CA"), RequestType.LIMIT))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VA", "CO", "CT", "OR", "TX"})
    void elsewhereEveryRequestIsDueIn45CalendarDaysAndMayBeExtendedOnceBy45(String code) {
        ClockRules rules = rules(code);
        for (RequestType type : List.of(RequestType.ACCESS, RequestType.DELETE, RequestType.OPT_OUT)) {
            StatutoryClock.Deadlines deadlines = clock.deadlines(rules, type, RECEIVED);
            assertThat(deadlines.dueAt()).as(code + " " + type).isEqualTo(Instant.parse("2027-01-04T09:30:00Z"));
            assertThat(StatutoryClock.countsBusinessDays(rules, type)).isFalse();
            assertThat(StatutoryClock.checkExtension(rules, type, deadlines.dueAt(), null, "Many archives", RECEIVED))
                    .isNull();
        }
        // an opt-out, which California never extends, may be extended here: the statute allows it for every request
        Instant due = clock.deadlines(rules, RequestType.OPT_OUT, RECEIVED).dueAt();
        assertThat(clock.extendedDueAt(rules, due)).isEqualTo(Instant.parse("2027-02-18T09:30:00Z"));
        // the acknowledgement is the packs' policy of 10 business days
        assertThat(clock.deadlines(rules, RequestType.ACCESS, RECEIVED).acknowledgeBy())
                .isEqualTo(clock.plusBusinessDays(RECEIVED, 10));
        // the same rules as everywhere else: once, with a reason, before the due date
        assertThat(StatutoryClock.checkExtension(rules, RequestType.ACCESS, due, null, " ", RECEIVED))
                .isEqualTo(ExtensionRefusal.NO_REASON);
        assertThat(StatutoryClock.checkExtension(rules, RequestType.ACCESS, due, null, "late", due))
                .isEqualTo(ExtensionRefusal.PAST_DUE);
        assertThat(StatutoryClock.checkExtension(rules, RequestType.ACCESS, due, due, "again", RECEIVED))
                .isEqualTo(ExtensionRefusal.ALREADY_EXTENDED);
    }

    @Test
    void californiaRefusesToExtendAnOptOutOrALimit() {
        Instant due =
                clock.deadlines(rules("CA"), RequestType.OPT_OUT, RECEIVED).dueAt();
        assertThat(StatutoryClock.checkExtension(rules("CA"), RequestType.OPT_OUT, due, null, "busy", RECEIVED))
                .isEqualTo(ExtensionRefusal.NOT_EXTENDABLE);
        assertThat(StatutoryClock.checkExtension(rules("CA"), RequestType.LIMIT, due, null, "busy", RECEIVED))
                .isEqualTo(ExtensionRefusal.NOT_EXTENDABLE);
    }

    @Test
    void anAppealIsDecidedWithinItsPacksDays() {
        Instant appealed = Instant.parse("2026-12-01T12:00:00Z");
        JurisdictionPack colorado = PACKS.find("CO").orElseThrow();
        JurisdictionPack virginia = PACKS.find("VA").orElseThrow();
        assertThat(clock.plus(
                        appealed,
                        new ClockRules.Period(
                                colorado.appeal().decision().days(),
                                colorado.appeal().decision().count())))
                .isEqualTo(Instant.parse("2027-01-15T12:00:00Z"));
        assertThat(clock.plus(
                        appealed,
                        new ClockRules.Period(
                                virginia.appeal().decision().days(),
                                virginia.appeal().decision().count())))
                .isEqualTo(Instant.parse("2027-01-30T12:00:00Z"));
    }
}
