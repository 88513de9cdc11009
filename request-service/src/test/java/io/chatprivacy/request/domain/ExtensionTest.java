package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one extension: taken once, before the due date, with a reason; its reason goes with the identity. */
class ExtensionTest {

    private static final Instant DUE = Instant.parse("2027-01-13T10:20:00Z");
    private static final Instant NOW = Instant.parse("2026-12-20T09:00:00Z");

    private final StatutoryClock clock = new StatutoryClock();

    @Test
    void isTakenOnceWithItsStrippedReason() {
        Extension taken = Extension.NONE.take(RequestType.ACCESS, DUE, "  Many chats.  ", "owner-1", NOW, clock);
        assertThat(taken)
                .isEqualTo(new Extension(Instant.parse("2027-02-27T10:20:00Z"), "Many chats.", "owner-1", NOW));
        assertThat(taken.isTaken()).isTrue();
        assertThat(taken.dueAtOr(DUE)).isEqualTo(taken.extendedDueAt());
        assertThat(Extension.NONE.dueAtOr(DUE)).isEqualTo(DUE);

        assertThatThrownBy(() -> taken.take(RequestType.ACCESS, DUE, "again", "owner-1", NOW, clock))
                .isInstanceOfSatisfying(
                        ExtensionRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(StatutoryClock.ExtensionRefusal.ALREADY_EXTENDED));
    }

    @Test
    void isRefusedAsTheStatuteSays() {
        assertThatThrownBy(() -> Extension.NONE.take(RequestType.OPT_OUT, DUE, "why", "owner-1", NOW, clock))
                .isInstanceOfSatisfying(
                        ExtensionRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(StatutoryClock.ExtensionRefusal.NOT_EXTENDABLE));
        assertThatThrownBy(() -> Extension.NONE.take(RequestType.ACCESS, DUE, " ", "owner-1", NOW, clock))
                .isInstanceOfSatisfying(
                        ExtensionRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(StatutoryClock.ExtensionRefusal.NO_REASON));
        assertThatThrownBy(() -> Extension.NONE.take(RequestType.ACCESS, DUE, "why", "owner-1", DUE, clock))
                .isInstanceOfSatisfying(
                        ExtensionRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(StatutoryClock.ExtensionRefusal.PAST_DUE));
    }

    @Test
    void aNewDueDateAndTheTimeItWasTakenGoTogether() {
        // the schema's rights_request_one_extension check, kept by the value itself
        assertThatThrownBy(() -> new Extension(DUE, "why", "owner-1", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Extension(null, null, null, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void erasureReplacesTheReasonAndKeepsTheDates() {
        Extension taken = new Extension(DUE, "Ann's chats are many.", "owner-1", NOW);
        assertThat(taken.erased()).isEqualTo(new Extension(DUE, "[erased]", "owner-1", NOW));
        assertThat(Extension.NONE.erased()).isEqualTo(Extension.NONE);
    }
}
