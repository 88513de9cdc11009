package io.chatprivacy.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelfTestObservationTest {

    @Test
    void passesOnlyWhenEveryCheckIsHonoured() {
        assertThat(new SelfTestObservation(true, true, true, true, true, true, true).firstFailing())
                .isEmpty();
        assertThat(new SelfTestObservation(true, true, true, true, true, true, true).passed())
                .isTrue();
        assertThat(SelfTestObservation.none().firstFailing()).contains(SelfTestCheck.GPC_LEDGER);
    }

    @Test
    void aFailureNamesTheFirstCheckNotHonoured() {
        assertThat(new SelfTestObservation(true, false, false, false, false, false, false).firstFailing())
                .contains(SelfTestCheck.GPC_STATUS);
        assertThat(new SelfTestObservation(true, true, false, false, false, false, false).firstFailing())
                .contains(SelfTestCheck.REQUEST_ACCEPTED);
        assertThat(new SelfTestObservation(true, true, true, false, true, true, true).firstFailing())
                .contains(SelfTestCheck.REQUEST_LEDGER);
        assertThat(new SelfTestObservation(true, true, true, true, false, true, true).firstFailing())
                .contains(SelfTestCheck.REQUEST_STATUS);
        assertThat(new SelfTestObservation(true, true, true, true, true, false, true).firstFailing())
                .contains(SelfTestCheck.EVENTS_PUBLISHED);
        assertThat(new SelfTestObservation(true, true, true, true, true, true, false).firstFailing())
                .contains(SelfTestCheck.REQUEST_COMPLETED);
    }

    @Test
    void syntheticVisitorsAreFreshAndOnTheReservedDomain() {
        SyntheticVisitor a = SyntheticVisitor.fresh();
        SyntheticVisitor b = SyntheticVisitor.fresh();
        assertThat(a.email()).endsWith("@selftest.invalid").isNotEqualTo(b.email());
        assertThat(a.gpcVisitorId()).startsWith("selftest-").matches("[A-Za-z0-9_-]{1,64}");
        assertThat(a.requestVisitorId()).startsWith("selftest-").matches("[A-Za-z0-9_-]{1,64}");
        assertThat(SyntheticVisitor.isSynthetic(" Someone@SELFTEST.invalid ")).isTrue();
        assertThat(SyntheticVisitor.isSynthetic("someone@selftest.invalid.example.com"))
                .isFalse();
        assertThat(SyntheticVisitor.isSynthetic("someone@example.com")).isFalse();
        assertThat(SyntheticVisitor.isSynthetic(null)).isFalse();
    }
}
