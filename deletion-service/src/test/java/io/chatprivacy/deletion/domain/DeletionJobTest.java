package io.chatprivacy.deletion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.deletion.crypto.Aead;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.domain.DeletionJob.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The code rules: a window, single use, a lock after five wrong tries, one new code a minute. */
class DeletionJobTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final String CODE = "24681357";

    private final VaultKeys keys = new VaultKeys(Aead.newKey());

    @Test
    void theRightCodeAuthorisesOnceAndIsThenGone() {
        DeletionJob job = job();

        assertThat(job.verify(CODE, keys::codeMatches, "user:abc", T0.plusSeconds(60), 5))
                .isEqualTo(Verification.ACCEPTED);
        assertThat(job.status()).isEqualTo(JobStatus.PURGING);
        assertThat(job.hasCode()).isFalse();
        assertThat(job.authorisedBy()).isEqualTo("user:abc");
        assertThat(job.authorisedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(job.verify(CODE, keys::codeMatches, "user:abc", T0.plusSeconds(61), 5))
                .isEqualTo(Verification.USED);
    }

    @Test
    void fiveWrongCodesLockTheJobAndKillTheCode() {
        DeletionJob job = job();
        for (int i = 1; i <= 4; i++) {
            assertThat(job.verify("00000000", keys::codeMatches, "u", T0, 5)).isEqualTo(Verification.WRONG_CODE);
            assertThat(job.remainingAttempts(5)).isEqualTo(5 - i);
        }
        assertThat(job.verify("00000000", keys::codeMatches, "u", T0, 5)).isEqualTo(Verification.LOCKED_NOW);
        assertThat(job.status()).isEqualTo(JobStatus.LOCKED);
        assertThat(job.hasCode()).isFalse();
        assertThat(job.verify(CODE, keys::codeMatches, "u", T0, 5)).isEqualTo(Verification.LOCKED);
        assertThat(job.status()).isEqualTo(JobStatus.LOCKED);
    }

    @Test
    void theCodeExpiresAfterItsWindow() {
        DeletionJob job = job();

        assertThat(job.expireIfDue(T0.plus(WINDOW).minusMillis(1))).isFalse();
        assertThat(job.verify(CODE, keys::codeMatches, "u", T0.plus(WINDOW), 5)).isEqualTo(Verification.EXPIRED_NOW);
        assertThat(job.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(job.hasCode()).isFalse();
        assertThat(job.verify(CODE, keys::codeMatches, "u", T0.plus(WINDOW), 5)).isEqualTo(Verification.EXPIRED);
        assertThat(job.expireIfDue(T0.plus(WINDOW).plusSeconds(1))).isFalse();
    }

    @Test
    void aDeclinedOrSupersededJobAcceptsNoCode() {
        DeletionJob declined = job();
        assertThat(declined.cancel(T0)).isTrue();
        assertThat(declined.verify(CODE, keys::codeMatches, "u", T0, 5)).isEqualTo(Verification.CANCELLED);

        DeletionJob superseded = job();
        superseded.supersede(T0);
        assertThat(superseded.verify(CODE, keys::codeMatches, "u", T0, 5)).isEqualTo(Verification.SUPERSEDED);

        DeletionJob authorised = job();
        authorised.verify(CODE, keys::codeMatches, "u", T0, 5);
        assertThat(authorised.cancel(T0)).isFalse();
        assertThat(authorised.status()).isEqualTo(JobStatus.PURGING);
    }

    @Test
    void aNewCodeAtMostOnceAMinute() {
        DeletionJob job = job();

        assertThat(job.allowsNewCode(T0.plusSeconds(59), Duration.ofMinutes(1))).isFalse();
        assertThat(job.allowsNewCode(T0.plusSeconds(60), Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void completionCountsWhatWasPurged() {
        DeletionJob job = job();
        job.verify(CODE, keys::codeMatches, "u", T0, 5);
        job.recordPurged(ItemType.CHAT, 300);
        job.recordPurged(ItemType.TICKET, 50);
        UUID receipt = UUID.randomUUID();

        job.complete(receipt, T0.plusSeconds(5));

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.chatsDeleted()).isEqualTo(300);
        assertThat(job.ticketsDeleted()).isEqualTo(50);
        assertThat(job.receiptId()).isEqualTo(receipt);
    }

    private DeletionJob job() {
        UUID id = UUID.randomUUID();
        return DeletionJob.issue(
                id,
                UUID.randomUUID(),
                UUID.randomUUID(),
                DeletionTarget.byTag("Delete"),
                300,
                50,
                keys.codeHash(id, CODE),
                T0,
                WINDOW);
    }
}
