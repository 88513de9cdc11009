package io.chatprivacy.notification.service;

import io.chatprivacy.notification.config.NotificationConfig;
import io.chatprivacy.notification.domain.Backoff;
import io.chatprivacy.notification.domain.FailureReason;
import io.chatprivacy.notification.domain.MailStatus;
import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.domain.RenderedMail;
import io.chatprivacy.notification.events.NotificationFailedEvent;
import io.chatprivacy.notification.events.NotificationSentEvent;
import io.chatprivacy.notification.mail.AccessExportMail;
import io.chatprivacy.notification.mail.CodeSeal;
import io.chatprivacy.notification.mail.CodeTransport;
import io.chatprivacy.notification.mail.ConsumerCodeMail;
import io.chatprivacy.notification.mail.ExportCodeMail;
import io.chatprivacy.notification.mail.MailModels;
import io.chatprivacy.notification.mail.MailRelay;
import io.chatprivacy.notification.mail.MailTemplates;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.chatprivacy.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Delivers one due mail per transaction, exactly once as far as SMTP allows.
 *
 * <p>The row is claimed with {@code FOR UPDATE SKIP LOCKED} and stays locked while the relay is
 * talked to; the outcome (SENT with {@code notification.sent.v1}, or a retry time with maybe a
 * {@code notification.failed.v1}) commits in the same transaction.
 *
 * <p>An attempt whose connection drops under it (closed or reset by the relay, or a {@code 421}) is followed at once by
 * one more on another connection, in the same turn; only if that fails too does the mail wait for the back-off, which
 * is meant for outages. Both attempts count.
 *
 * <p>Duplicates: SMTP cannot tell a sender whether a mail whose reply was lost had been accepted, so any retry — at once
 * or after the back-off alike — may send it a second time; so does a crash between the relay accepting the mail and
 * the commit that marks it SENT. Every attempt carries the same Message-ID, so a receiving system can drop the repeat.
 *
 * <p>An access mail carries no content, only a link with the export's token (opened from its seal here, like a code);
 * one whose export expired before it could go is given up ({@code EXPORT_GONE}).
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    /** What one delivery round did. */
    public enum Outcome {
        /** Nothing was due. */
        NONE,
        SENT,
        /** The attempt failed; the mail will be tried again later. */
        RETRY,
        /** The mail was given up. */
        GAVE_UP
    }

    private final OutgoingMailRepository mails;
    private final MailTemplates templates;
    private final CodeTransport codes;
    private final MailModels models;
    private final MailRelay relay;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final NotificationConfig config;
    private final Backoff backoff;
    private final Clock clock;

    DeliveryService(
            OutgoingMailRepository mails,
            MailTemplates templates,
            CodeTransport codes,
            MailModels models,
            MailRelay relay,
            Outbox outbox,
            MeterRegistry meters,
            NotificationConfig config,
            Clock clock) {
        this.mails = mails;
        this.templates = templates;
        this.codes = codes;
        this.models = models;
        this.relay = relay;
        this.outbox = outbox;
        this.meters = meters;
        this.config = config;
        this.backoff = new Backoff(
                config.dispatch().initialBackoff(), config.dispatch().maxBackoff());
        this.clock = clock;
    }

    /** Sends the mail that has been due longest, if any. Call from a worker thread, never an event loop. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @TransactionConfiguration(timeout = 120)
    public Outcome deliverNext() {
        OutgoingMail mail = mails.claimNextDue(now()).orElse(null);
        if (mail == null) {
            return Outcome.NONE;
        }
        if (mail.isUseless(now())) {
            return mail.template() == MailTemplate.ACCESS_EXPORT
                    ? giveUp(mail, FailureReason.EXPORT_GONE, "the export expired before it could be delivered", false)
                    : giveUp(mail, FailureReason.CODE_EXPIRED, "the code expired before it could be delivered", false);
        }
        Mail message;
        try {
            message = compose(mail);
        } catch (CodeSeal.UnreadableCodeException e) {
            return giveUp(mail, FailureReason.CODE_UNREADABLE, e.getMessage(), false);
        }
        int attemptsBefore = mail.attempts();
        try {
            send(mail, message);
        } catch (RuntimeException e) {
            return failed(mail, classify(e), describe(e), attemptsBefore);
        }
        Instant sentAt = now();
        mail.markSent(sentAt);
        outbox.publish(new NotificationSentEvent(
                mail.id(), mail.accountId(), mail.requestId(), mail.template().name(), mail.attempts(), sentAt));
        meters.counter("notification.mails.sent", "template", mail.template().name())
                .increment();
        LOG.infof(
                "Mail %s (%s) about request %s delivered to the relay at attempt %d",
                mail.id(), mail.template(), mail.requestId(), mail.attempts());
        return Outcome.SENT;
    }

    /**
     * Hands the mail to the relay; if the connection drops under the attempt, tries once more at once (the pool then
     * opens another). Every attempt is counted on the row.
     */
    private void send(OutgoingMail mail, Mail message) {
        try {
            relay.send(message);
        } catch (RuntimeException e) {
            if (!MailRelay.connectionDropped(e)) {
                throw e;
            }
            mail.retryAtOnce();
            meters.counter(
                            "notification.mails.retried-at-once",
                            "template",
                            mail.template().name())
                    .increment();
            LOG.warnf(
                    "Mail %s (%s): the relay connection dropped at attempt %d (%s); trying again at once",
                    mail.id(), mail.template(), mail.attempts(), describe(e));
            relay.send(message);
        }
    }

    private Mail compose(OutgoingMail mail) {
        RenderedMail rendered;
        if (mail.template() == MailTemplate.ACCESS_EXPORT) {
            if (mail.sealedSecret() == null) {
                // the stored body shows the link's token masked: without it there is nothing worth sending
                throw new CodeSeal.UnreadableCodeException("the export token is missing");
            }
            AccessExportMail model = models.accessExport(mail.model());
            rendered = templates.accessExport(model, codes.openExportToken(mail.sealedSecret(), model.exportId()));
        } else if (mail.template() == MailTemplate.ACCESS_EXPORT_CODE) {
            if (mail.sealedSecret() == null) {
                throw new CodeSeal.UnreadableCodeException("the export code is missing");
            }
            ExportCodeMail model = models.exportCode(mail.model());
            rendered = templates.accessExportCode(model, codes.openExportCode(mail.sealedSecret(), model.exportId()));
        } else if (mail.template() == MailTemplate.VERIFICATION_CODE && mail.sealedSecret() != null) {
            rendered = templates.verificationCode(
                    models.verification(mail.model()), codes.open(mail.sealedSecret(), mail.jobId()));
        } else if (mail.template() == MailTemplate.CONSUMER_VERIFICATION_CODE) {
            if (mail.sealedSecret() == null) {
                // the stored body shows the code masked: without it there is nothing worth sending
                throw new CodeSeal.UnreadableCodeException("the consumer's code is missing");
            }
            ConsumerCodeMail model = models.consumerCode(mail.model());
            rendered = templates.consumerVerificationCode(
                    model, codes.openConsumerCode(mail.sealedSecret(), model.intakeId()));
        } else if (mail.template() == MailTemplate.RECEIPT_CONFIRMATION && mail.sealedSecret() != null) {
            rendered = templates.receiptConfirmation(
                    models.receipt(mail.model()), codes.openStatusToken(mail.sealedSecret(), mail.requestId()));
        } else {
            rendered = new RenderedMail(mail.subject(), mail.textBody(), mail.htmlBody());
        }
        return message(mail, rendered);
    }

    private Mail message(OutgoingMail mail, RenderedMail rendered) {
        Mail message = Mail.withText(mail.recipient(), rendered.subject(), rendered.text())
                .setHtml(rendered.html());
        message.addHeader("Message-ID", mail.messageId(config.messageIdDomain()));
        return message;
    }

    private Outcome failed(OutgoingMail mail, FailureReason reason, String description) {
        return failed(mail, reason, description, mail.attempts());
    }

    /**
     * Schedules the next attempt after the back-off, or gives the mail up.
     *
     * @param attemptsBefore the attempts counted before this turn (an attempt retried at once may already be counted)
     */
    private Outcome failed(OutgoingMail mail, FailureReason reason, String description, int attemptsBefore) {
        Instant now = now();
        if (now.isAfter(mail.createdAt().plus(config.dispatch().giveUpAfter()))) {
            return giveUp(mail, reason, description, true);
        }
        int failedAttempts = mail.attempts() + 1;
        mail.retryAt(now.plus(backoff.delayAfter(failedAttempts)), reason, description);
        meters.counter("notification.mails.failed", "template", mail.template().name(), "reason", reason.name())
                .increment();
        LOG.warnf(
                "Mail %s (%s) not delivered at attempt %d (%s: %s); next attempt at %s",
                mail.id(), mail.template(), mail.attempts(), reason, description, mail.nextAttemptAt());
        int every = Math.max(1, config.dispatch().failureReportEvery());
        // the first failed turn, and every turn that reaches another multiple of `every` attempts
        if (attemptsBefore == 0 || attemptsBefore / every != mail.attempts() / every) {
            publishFailed(mail, now, true);
        }
        return Outcome.RETRY;
    }

    private Outcome giveUp(OutgoingMail mail, FailureReason reason, String description, boolean attempted) {
        Instant now = now();
        mail.giveUp(now, reason, description, attempted);
        meters.counter(
                        "notification.mails.given-up",
                        "template",
                        mail.template().name(),
                        "reason",
                        reason.name())
                .increment();
        LOG.errorf(
                "Mail %s (%s) about request %s given up after %d attempt(s): %s",
                mail.id(), mail.template(), mail.requestId(), mail.attempts(), reason);
        publishFailed(mail, now, false);
        return Outcome.GAVE_UP;
    }

    private void publishFailed(OutgoingMail mail, Instant at, boolean willRetry) {
        outbox.publish(new NotificationFailedEvent(
                mail.id(),
                mail.accountId(),
                mail.requestId(),
                mail.template().name(),
                mail.attempts(),
                mail.failureReason().name(),
                willRetry && mail.status() == MailStatus.PENDING,
                at));
    }

    private static FailureReason classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.isPermanent() ? FailureReason.SMTP_REJECTED : FailureReason.SMTP_UNAVAILABLE;
            }
        }
        return FailureReason.SMTP_UNAVAILABLE;
    }

    /** What went wrong, without any address (relays like to quote the recipient). */
    static String describe(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return "SMTP " + smtp.getReplyCode();
            }
            root = t;
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return (root.getClass().getSimpleName() + message).replaceAll("[^\\s<>\"'@]+@[^\\s<>\"']+", "<address>");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
