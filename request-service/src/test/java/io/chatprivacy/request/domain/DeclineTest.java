package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A decline always states its reason; a person's names who declined, a report's names no one. */
class DeclineTest {

    @Test
    void aPersonsDeclineNamesTheReasonAndThePerson() {
        assertThat(Decline.by(DeclineReason.LEGAL_HOLD, null, "owner-1"))
                .isEqualTo(new Decline(DeclineReason.LEGAL_HOLD, null, "owner-1"))
                .satisfies(decline -> assertThat(decline.isDeclined()).isTrue());
        assertThatThrownBy(() -> Decline.by(null, "note", "owner-1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Decline.by(DeclineReason.LEGAL_HOLD, "note", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anUnverifiedRequestIsDeclinedByNoOneWithANote() {
        assertThat(Decline.unverified("No match."))
                .isEqualTo(new Decline(DeclineReason.CANNOT_VERIFY, "No match.", null));
        assertThatThrownBy(() -> Decline.unverified(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void noNoteOrPersonWithoutAReason() {
        assertThat(Decline.NONE.isDeclined()).isFalse();
        assertThatThrownBy(() -> new Decline(null, "note", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decline(null, null, "owner-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void erasureReplacesTheNoteOnly() {
        assertThat(new Decline(DeclineReason.BUSINESS_NECESSITY, "Ann's order is open.", "owner-1").erased())
                .isEqualTo(new Decline(DeclineReason.BUSINESS_NECESSITY, "[erased]", "owner-1"));
        assertThat(Decline.NONE.erased()).isEqualTo(Decline.NONE);
    }
}
