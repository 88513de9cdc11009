package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An ACCESS request's copy: prepared and mailed in either order, fresh copies counted and spaced. */
class ExportProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:20:00Z");
    private static final UUID EXPORT = UUID.randomUUID();
    private static final UUID MAIL = UUID.randomUUID();

    @Test
    void preparedAndMailedInEitherOrderMeetInTheSameState() {
        ExportProgress readyFirst = ExportProgress.FIRST.ready(EXPORT, 3, 1).sent(MAIL, NOW);
        ExportProgress sentFirst = ExportProgress.FIRST.sent(MAIL, NOW).ready(EXPORT, 3, 1);
        assertThat(readyFirst).isEqualTo(sentFirst).isEqualTo(new ExportProgress(EXPORT, 3L, 1L, NOW, MAIL, 1, null));
        assertThat(readyFirst.isReady()).isTrue();
        assertThat(readyFirst.isSent()).isTrue();
        assertThat(ExportProgress.FIRST.isReady()).isFalse();
        assertThat(ExportProgress.FIRST.isSent()).isFalse();
    }

    @Test
    void freshCopiesAreCountedAndAtLeastAMinuteApart() {
        ExportProgress second = ExportProgress.FIRST.nextAttempt(NOW);
        assertThat(second.exportAttempt()).isEqualTo(2);
        assertThat(second.exportRequestedAt()).isEqualTo(NOW);

        Instant soon = NOW.plus(ExportProgress.RESEND_INTERVAL).minusNanos(1000);
        assertThatThrownBy(() -> second.nextAttempt(soon)).isInstanceOfSatisfying(ExportRefusedException.class, e -> {
            assertThat(e.refusal()).isEqualTo(ExportRefusedException.Refusal.RECENTLY_REQUESTED);
            assertThat(e.askAgainAt()).isEqualTo(NOW.plus(ExportProgress.RESEND_INTERVAL));
        });
        assertThat(second.nextAttempt(NOW.plus(ExportProgress.RESEND_INTERVAL)).exportAttempt())
                .isEqualTo(3);
    }

    @Test
    void theFirstCopyIsAttemptOne() {
        assertThat(ExportProgress.FIRST.exportAttempt()).isEqualTo(1);
        assertThatThrownBy(() -> new ExportProgress(null, null, null, null, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
