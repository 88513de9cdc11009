package io.chatprivacy.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutgoingMailTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:20:00Z");

    private OutgoingMail codeMail() {
        return OutgoingMail.queue(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        MailTemplate.VERIFICATION_CODE,
                        "owner@demo.example",
                        new RenderedMail("subject", "text", "html"),
                        "event-1",
                        NOW)
                .withSealedSecret("sealed", "{}", NOW.plusSeconds(1800));
    }

    @Test
    void isDueAtOnceAndSentOnceWipingItsSealedCode() {
        OutgoingMail mail = codeMail();
        assertThat(mail.status()).isEqualTo(MailStatus.PENDING);
        assertThat(mail.nextAttemptAt()).isEqualTo(NOW);
        mail.markSent(NOW.plusSeconds(1));
        assertThat(mail.status()).isEqualTo(MailStatus.SENT);
        assertThat(mail.attempts()).isEqualTo(1);
        assertThat(mail.sealedSecret()).isNull();
        assertThatThrownBy(() -> mail.markSent(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void countsFailedAttemptsAndKeepsTheCodeWhileRetrying() {
        OutgoingMail mail = codeMail();
        mail.retryAt(NOW.plusSeconds(2), FailureReason.SMTP_UNAVAILABLE, "ConnectException: refused");
        mail.retryAt(NOW.plusSeconds(6), FailureReason.SMTP_UNAVAILABLE, "ConnectException: refused");
        assertThat(mail.attempts()).isEqualTo(2);
        assertThat(mail.nextAttemptAt()).isEqualTo(NOW.plusSeconds(6));
        assertThat(mail.sealedSecret()).isEqualTo("sealed");
        mail.markSent(NOW.plusSeconds(7));
        assertThat(mail.attempts()).isEqualTo(3);
        assertThat(mail.lastError()).isNull();
    }

    @Test
    void anAttemptRetriedAtOnceCountsButLeavesTheMailDueAndItsFailureUnrecorded() {
        OutgoingMail mail = codeMail();
        mail.retryAtOnce();
        assertThat(mail.attempts()).isEqualTo(1);
        assertThat(mail.status()).isEqualTo(MailStatus.PENDING);
        assertThat(mail.nextAttemptAt()).isEqualTo(NOW);
        assertThat(mail.failureReason()).isNull();
        assertThat(mail.lastError()).isNull();
        assertThat(mail.sealedSecret()).isEqualTo("sealed");
        mail.markSent(NOW.plusSeconds(1));
        assertThat(mail.attempts()).isEqualTo(2);
        assertThatThrownBy(mail::retryAtOnce).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCodeMailIsUselessOnceTheCodeExpiredAndGivingUpWipesIt() {
        OutgoingMail mail = codeMail();
        assertThat(mail.isUseless(NOW.plusSeconds(1800))).isFalse();
        assertThat(mail.isUseless(NOW.plusSeconds(1801))).isTrue();
        mail.giveUp(NOW.plusSeconds(1801), FailureReason.CODE_EXPIRED, "expired", false);
        assertThat(mail.status()).isEqualTo(MailStatus.FAILED);
        assertThat(mail.attempts()).isZero();
        assertThat(mail.sealedSecret()).isNull();
    }

    @Test
    void itsMessageIdIsStableAndDerivedFromItsId() {
        OutgoingMail mail = codeMail();
        assertThat(mail.messageId("example.org"))
                .isEqualTo("<" + mail.id() + "@example.org>")
                .isEqualTo(mail.messageId("example.org"));
    }
}
