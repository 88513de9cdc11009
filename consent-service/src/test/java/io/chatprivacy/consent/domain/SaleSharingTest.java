package io.chatprivacy.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.consent.domain.SaleSharing.Decision;
import io.chatprivacy.consent.domain.SaleSharing.Reason;
import io.chatprivacy.consent.domain.SaleSharing.Refusal;
import io.chatprivacy.consent.domain.SaleSharing.Row;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of sale/sharing: opt-outs, minors' defaults and opt-ins. */
class SaleSharingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    @Test
    void anAdultOrAVisitorOfUnknownAgeIsSellableUntilAnOptOut() {
        assertThat(SaleSharing.decide(List.of()).reason()).isEqualTo(Reason.NOT_OPTED_OUT);
        assertThat(SaleSharing.decide(List.of()).allowed()).isTrue();
        assertThat(SaleSharing.decide(List.of(Row.optOut(OptOutSource.GPC, T0))).reason())
                .isEqualTo(Reason.OPTED_OUT);
        assertThat(SaleSharing.recordsAge(AgeBand.SIXTEEN_OR_OVER, List.of())).isFalse();
        assertThat(SaleSharing.recordsAge(null, List.of())).isFalse();
    }

    @Test
    void aVisitorOf13To15IsNotSellableUntilTheirOwnOptIn() {
        List<Row> known = List.of(Row.minor(AgeBand.FROM_13_TO_15, T0));
        Decision before = SaleSharing.decide(known);
        assertThat(before.allowed()).isFalse();
        assertThat(before.reason()).isEqualTo(Reason.MINOR_NO_OPT_IN);
        assertThat(before.ageBand()).isEqualTo(AgeBand.FROM_13_TO_15);
        assertThat(SaleSharing.refusal(before, OptInBy.VISITOR, false)).isEmpty();

        Decision after =
                SaleSharing.decide(List.of(known.get(0), Row.optIn(OptInBy.VISITOR, AgeBand.FROM_13_TO_15, T1)));
        assertThat(after.allowed()).isTrue();
        assertThat(after.reason()).isEqualTo(Reason.MINOR_OPTED_IN);
        assertThat(after.optedInAt()).isEqualTo(T1);
        assertThat(SaleSharing.alreadyOptedIn(after, OptInBy.VISITOR)).isTrue();
    }

    @Test
    void aVisitorUnder13NeedsAParentNotTheirOwnOptIn() {
        List<Row> known = List.of(Row.minor(AgeBand.UNDER_13, T0));
        Decision before = SaleSharing.decide(known);
        assertThat(before.reason()).isEqualTo(Reason.MINOR_NO_PARENTAL_AUTHORIZATION);
        assertThat(SaleSharing.refusal(before, OptInBy.VISITOR, false))
                .get()
                .extracting(Refusal::kind, Refusal::slug)
                .containsExactly(Refusal.Kind.FORBIDDEN, "parental-authorization-required");
        assertThat(SaleSharing.refusal(before, OptInBy.PARENT, false)).isEmpty();
        // even a child's opt-in that somehow reached the ledger would not count
        assertThat(SaleSharing.decide(List.of(known.get(0), Row.optIn(OptInBy.VISITOR, AgeBand.UNDER_13, T1)))
                        .allowed())
                .isFalse();

        Decision after = SaleSharing.decide(List.of(known.get(0), Row.optIn(OptInBy.PARENT, AgeBand.UNDER_13, T1)));
        assertThat(after.reason()).isEqualTo(Reason.PARENTAL_AUTHORIZATION);
        assertThat(after.allowed()).isTrue();
    }

    @Test
    void aParentsAuthorizationIsOnlyForAVisitorKnownToBeUnder13() {
        assertThat(SaleSharing.refusal(
                        SaleSharing.decide(List.of(Row.minor(AgeBand.FROM_13_TO_15, T0))), OptInBy.PARENT, false))
                .get()
                .extracting(Refusal::kind, Refusal::slug)
                .containsExactly(Refusal.Kind.UNPROCESSABLE, "not-under-13");
        assertThat(SaleSharing.refusal(SaleSharing.decide(List.of()), OptInBy.PARENT, false))
                .get()
                .extracting(Refusal::slug)
                .isEqualTo("not-under-13");
        assertThat(SaleSharing.refusal(SaleSharing.decide(List.of()), OptInBy.VISITOR, false))
                .get()
                .extracting(Refusal::kind, Refusal::slug)
                .containsExactly(Refusal.Kind.UNPROCESSABLE, "not-a-known-minor");
    }

    @Test
    void anOptOutOrGpcAlwaysWinsOverAnOptIn() {
        Row minor = Row.minor(AgeBand.FROM_13_TO_15, T0);
        Row optIn = Row.optIn(OptInBy.VISITOR, AgeBand.FROM_13_TO_15, T1);
        // a later opt-out puts it back
        assertThat(SaleSharing.decide(List.of(minor, optIn, Row.optOut(OptOutSource.GPC, T2)))
                        .reason())
                .isEqualTo(Reason.OPTED_OUT);
        // an earlier one too: an opt-in never lifts an opt-out
        Decision optedOut = SaleSharing.decide(List.of(Row.optOut(OptOutSource.WIDGET, T0), minor, optIn));
        assertThat(optedOut.allowed()).isFalse();
        assertThat(SaleSharing.refusal(optedOut, OptInBy.VISITOR, false))
                .get()
                .extracting(Refusal::kind, Refusal::slug)
                .containsExactly(Refusal.Kind.CONFLICT, "opted-out");
        Decision parentCase =
                SaleSharing.decide(List.of(Row.minor(AgeBand.UNDER_13, T0), Row.optOut(OptOutSource.REQUEST, T1)));
        assertThat(SaleSharing.refusal(parentCase, OptInBy.PARENT, false))
                .get()
                .extracting(Refusal::slug)
                .isEqualTo("opted-out");
        // an opt-in sent with GPC is refused
        assertThat(SaleSharing.refusal(SaleSharing.decide(List.of(minor)), OptInBy.VISITOR, true))
                .get()
                .extracting(Refusal::kind, Refusal::slug)
                .containsExactly(Refusal.Kind.CONFLICT, "gpc-overrides-opt-in");
    }

    @Test
    void theYoungestBandKnownApplies() {
        Row teen = Row.minor(AgeBand.FROM_13_TO_15, T0);
        Row teenOptIn = Row.optIn(OptInBy.VISITOR, AgeBand.FROM_13_TO_15, T1);
        // learnt later to be under 13: their own opt-in no longer suffices
        Decision younger = SaleSharing.decide(List.of(teen, teenOptIn, Row.minor(AgeBand.UNDER_13, T2)));
        assertThat(younger.ageBand()).isEqualTo(AgeBand.UNDER_13);
        assertThat(younger.reason()).isEqualTo(Reason.MINOR_NO_PARENTAL_AUTHORIZATION);
        // an older band reported later adds nothing and changes nothing
        assertThat(SaleSharing.recordsAge(AgeBand.FROM_13_TO_15, List.of(Row.minor(AgeBand.UNDER_13, T0))))
                .isFalse();
        assertThat(SaleSharing.recordsAge(AgeBand.SIXTEEN_OR_OVER, List.of(teen)))
                .isFalse();
        assertThat(SaleSharing.recordsAge(AgeBand.FROM_13_TO_15, List.of(teen))).isFalse();
        assertThat(SaleSharing.recordsAge(AgeBand.UNDER_13, List.of(teen))).isTrue();
        assertThat(SaleSharing.recordsAge(AgeBand.FROM_13_TO_15, List.of(Row.optOut(OptOutSource.GPC, T0))))
                .isTrue();
    }

    @Test
    void ageBandsHaveTheirWireNames() {
        assertThat(AgeBand.fromWire("13_TO_15")).contains(AgeBand.FROM_13_TO_15);
        assertThat(AgeBand.fromWire("UNDER_13")).contains(AgeBand.UNDER_13);
        assertThat(AgeBand.fromWire("16_OR_OVER")).contains(AgeBand.SIXTEEN_OR_OVER);
        assertThat(AgeBand.fromWire("12")).isEmpty();
        assertThat(AgeBand.FROM_13_TO_15.wire()).matches(AgeBand.PATTERN);
    }
}
