package io.chatprivacy.notification.service;

import io.chatprivacy.notification.config.NotificationConfig;
import io.chatprivacy.notification.domain.Account;
import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.mail.AccessExportMail;
import io.chatprivacy.notification.mail.AppealDecisionNoticeMail;
import io.chatprivacy.notification.mail.AppealReceivedNoticeMail;
import io.chatprivacy.notification.mail.CodeTransport;
import io.chatprivacy.notification.mail.CompletionNoticeMail;
import io.chatprivacy.notification.mail.ConsumerCodeMail;
import io.chatprivacy.notification.mail.DeadlineMail;
import io.chatprivacy.notification.mail.DeclineNoticeMail;
import io.chatprivacy.notification.mail.ExportCodeMail;
import io.chatprivacy.notification.mail.ExtensionNoticeMail;
import io.chatprivacy.notification.mail.JobLockedMail;
import io.chatprivacy.notification.mail.MailModels;
import io.chatprivacy.notification.mail.MailTemplates;
import io.chatprivacy.notification.mail.PurgeConfirmationMail;
import io.chatprivacy.notification.mail.ReceiptConfirmationMail;
import io.chatprivacy.notification.mail.VerificationCodeMail;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.chatprivacy.notification.service.reports.AppealDecided;
import io.chatprivacy.notification.service.reports.AppealReceived;
import io.chatprivacy.notification.service.reports.ConsumerVerificationIssued;
import io.chatprivacy.notification.service.reports.ExportCodeIssued;
import io.chatprivacy.notification.service.reports.ExportReady;
import io.chatprivacy.notification.service.reports.JobLocked;
import io.chatprivacy.notification.service.reports.PurgeCompleted;
import io.chatprivacy.notification.service.reports.RequestCompleted;
import io.chatprivacy.notification.service.reports.RequestDeadline;
import io.chatprivacy.notification.service.reports.RequestDeclined;
import io.chatprivacy.notification.service.reports.RequestExtended;
import io.chatprivacy.notification.service.reports.RequestOpened;
import io.chatprivacy.notification.service.reports.VerificationIssued;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.TransientEventException;
import io.chatprivacy.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Queues the mails the events call for. Nothing is sent here: a mail is a row in the delivery log,
 * written in the consuming event's transaction, and {@link MailDispatcher} sends it after commit. So a
 * redelivered event (remembered by the inbox in the same transaction) never queues a second mail, and
 * an SMTP outage never loses one.
 *
 * <p>Deletion codes and confirmations go to the account's registered owner address from this service's own
 * copy of the account registry, never to an address an event or a request names. Letters to the
 * consumer (receipt, extension, decline, completion, the receipt and decision of an appeal, the copy of their data,
 * the code that confirms their own request on the privacy center) go to the address they gave with their request, as the events carry it.
 */
@ApplicationScoped
public class MailService {

    private static final Logger LOG = Logger.getLogger(MailService.class);
    private static final String WAKE_KEY = MailService.class.getName() + ".wake";

    private final AccountRepository accounts;
    private final OutgoingMailRepository mails;
    private final MailTemplates templates;
    private final CodeTransport codes;
    private final MailDispatcher dispatcher;
    private final AfterCommit afterCommit;
    private final MailModels models;
    private final NotificationConfig config;
    private final Clock clock;

    MailService(
            AccountRepository accounts,
            OutgoingMailRepository mails,
            MailTemplates templates,
            CodeTransport codes,
            MailDispatcher dispatcher,
            AfterCommit afterCommit,
            MailModels models,
            NotificationConfig config,
            Clock clock) {
        this.accounts = accounts;
        this.mails = mails;
        this.templates = templates;
        this.codes = codes;
        this.dispatcher = dispatcher;
        this.afterCommit = afterCommit;
        this.models = models;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Queues the verification code for the account owner. The code stays sealed in the log; it is
     * opened here once only to make sure it can be (a code that cannot be opened is the event's fault).
     *
     * @throws io.chatprivacy.notification.mail.CodeSeal.UnreadableCodeException if the code cannot be opened
     * @throws TransientEventException if the account is not known here yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueVerificationCode(UUID accountId, VerificationIssued issued, EventOrigin origin) {
        Account account = registered(accountId);
        codes.open(issued.sealedCode(), issued.jobId());
        VerificationCodeMail model = new VerificationCodeMail(
                account.name(),
                accountId,
                issued.requestId(),
                issued.jobId(),
                issued.tag(),
                issued.chatCount(),
                issued.ticketCount(),
                issued.expiresAt(),
                verificationUrl(accountId, issued.requestId()));
        OutgoingMail mail = OutgoingMail.queue(
                        accountId,
                        issued.requestId(),
                        issued.jobId(),
                        MailTemplate.VERIFICATION_CODE,
                        account.ownerEmail(),
                        templates.verificationCode(model, MailTemplates.MASKED_CODE),
                        origin.eventId(),
                        now())
                .withSealedSecret(issued.sealedCode(), models.write(model), issued.expiresAt());
        return queue(mail);
    }

    /**
     * Queues a consumer's verification code (privacy center) for the address they gave on the page, the only one
     * that can prove the request is theirs. Handled like an owner's code: the row keeps it sealed, the stored bodies
     * masked; it is opened here once only to make sure it can be, and again at send time. The mail is about no
     * rights request yet (none exists before the code is entered), so it names none.
     *
     * @throws io.chatprivacy.notification.mail.CodeSeal.UnreadableCodeException if the code cannot be opened
     * @throws TransientEventException if the account is not known here yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueConsumerVerificationCode(
            UUID accountId, ConsumerVerificationIssued issued, EventOrigin origin) {
        Account account = registered(accountId);
        codes.openConsumerCode(issued.sealedCode(), issued.intakeId());
        ConsumerCodeMail model = new ConsumerCodeMail(
                account.name(),
                accountId,
                issued.intakeId(),
                issued.requestType(),
                issued.expiresAt(),
                issued.codeNumber() == null ? 1 : issued.codeNumber(),
                codePageUrl(accountId, issued.intakeId()));
        OutgoingMail mail = OutgoingMail.queue(
                        accountId,
                        null,
                        null,
                        MailTemplate.CONSUMER_VERIFICATION_CODE,
                        issued.subjectAddress(),
                        templates.consumerVerificationCode(model, MailTemplates.MASKED_CODE),
                        origin.eventId(),
                        now())
                .withSealedSecret(issued.sealedCode(), models.write(model), issued.expiresAt());
        return queue(mail);
    }

    /**
     * Queues the mail that a consumer's copy (right to know) is ready, for the address they gave with their
     * request: counts, the dates it covers, until when, and a link to the privacy center's copy page with the
     * export's token. The chats and tickets never pass through here: the page opens them after a fresh code.
     * The token is kept like a code (sealed in the row, masked in the stored bodies, opened only to send) and
     * opened here once, only to make sure it can be (a token that cannot be opened is the event's fault).
     *
     * @throws io.chatprivacy.notification.mail.CodeSeal.UnreadableCodeException if the token cannot be opened
     * @throws TransientEventException if the account is not known here yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueAccessExport(UUID accountId, ExportReady export, EventOrigin origin) {
        Account account = registered(accountId);
        codes.openExportToken(export.sealedToken(), export.exportId());
        AccessExportMail model = new AccessExportMail(
                account.name(),
                accountId,
                export.requestId(),
                export.exportId(),
                export.chatCount(),
                export.ticketCount(),
                origin.occurredAtOr(now()),
                export.expiresAt(),
                export.coversFrom(),
                copyUrl(accountId, export.exportId()));
        OutgoingMail mail = OutgoingMail.queue(
                        accountId,
                        export.requestId(),
                        null,
                        MailTemplate.ACCESS_EXPORT,
                        export.subjectAddress(),
                        templates.accessExport(model, MailTemplates.MASKED_CODE),
                        origin.eventId(),
                        now())
                .withSealedSecret(export.sealedToken(), models.write(model), export.expiresAt());
        return queue(mail);
    }

    /**
     * Queues the one-time code that opens a consumer's copy, for the address the copy was asked for. Handled like
     * a consumer's verification code: the row keeps it sealed, the stored bodies masked; it is opened here once
     * only to make sure it can be, and again at send time; useless once the code expired.
     *
     * @throws io.chatprivacy.notification.mail.CodeSeal.UnreadableCodeException if the code cannot be opened
     * @throws TransientEventException if the account is not known here yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueExportCode(UUID accountId, ExportCodeIssued issued, EventOrigin origin) {
        Account account = registered(accountId);
        codes.openExportCode(issued.sealedCode(), issued.exportId());
        ExportCodeMail model = new ExportCodeMail(
                account.name(),
                accountId,
                issued.requestId(),
                issued.exportId(),
                issued.expiresAt(),
                issued.codeNumber() == null ? 1 : issued.codeNumber());
        OutgoingMail mail = OutgoingMail.queue(
                        accountId,
                        issued.requestId(),
                        null,
                        MailTemplate.ACCESS_EXPORT_CODE,
                        issued.subjectAddress(),
                        templates.accessExportCode(model, MailTemplates.MASKED_CODE),
                        origin.eventId(),
                        now())
                .withSealedSecret(issued.sealedCode(), models.write(model), issued.expiresAt());
        return queue(mail);
    }

    /** Queues the confirmation of a purge for the account owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queuePurgeConfirmation(UUID accountId, PurgeCompleted purge, EventOrigin origin) {
        Account account = registered(accountId);
        PurgeConfirmationMail model = new PurgeConfirmationMail(
                account.name(),
                purge.requestId(),
                purge.receiptId(),
                purge.tag(),
                purge.chatsDeleted(),
                purge.ticketsDeleted(),
                purge.chatsSkippedLegalHold(),
                purge.ticketsSkippedLegalHold(),
                purge.authorisedBy() == null ? "the account owner" : purge.authorisedBy(),
                origin.occurredAtOr(now()));
        return queue(OutgoingMail.queue(
                accountId,
                purge.requestId(),
                purge.jobId(),
                MailTemplate.PURGE_CONFIRMATION,
                account.ownerEmail(),
                templates.purgeConfirmation(model),
                origin.eventId(),
                now()));
    }

    /** Tells the account owner that wrong codes locked a deletion job. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueJobLockedNotice(UUID accountId, JobLocked locked, EventOrigin origin) {
        Account account = registered(accountId);
        UUID requestId = locked.requestId();
        // the lock event does not repeat the scope; the code mail of the same job knows it
        String tag = mails.verificationMailOf(accountId, locked.jobId())
                .map(OutgoingMail::model)
                .map(models::verification)
                .map(VerificationCodeMail::tag)
                .orElse(null);
        JobLockedMail model = new JobLockedMail(
                account.name(),
                requestId,
                tag,
                locked.failedAttempts(),
                origin.occurredAtOr(now()),
                deletionRequestUrl(accountId, requestId) + "/verification-code");
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                locked.jobId(),
                MailTemplate.JOB_LOCKED_NOTICE,
                account.ownerEmail(),
                templates.jobLocked(model),
                origin.eventId(),
                now()));
    }

    /**
     * Tells the data subject why their request was declined, or the account owner for a request
     * without a subject (a tag deletion).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueDeclineNotice(UUID accountId, RequestDeclined declined, EventOrigin origin) {
        Account account = registered(accountId);
        String subjectEmail = declined.subjectAddress();
        boolean toSubject = subjectEmail != null;
        DeclineNoticeMail model = new DeclineNoticeMail(
                account.name(),
                declined.requestId(),
                declined.requestType(),
                declined.tag(),
                toSubject,
                declined.reason(),
                declined.note() == null ? "-" : declined.note(),
                origin.occurredAtOr(now()));
        return queue(OutgoingMail.queue(
                accountId,
                declined.requestId(),
                null,
                MailTemplate.DECLINE_NOTICE,
                toSubject ? subjectEmail : account.ownerEmail(),
                templates.declineNotice(model),
                origin.eventId(),
                now()));
    }

    /**
     * Confirms receipt of a rights request to the consumer's own address (as they gave it); nothing for a
     * request without one (a tag deletion, a visitor-only request). A request made on the privacy center carries
     * a sealed status token: the receipt then links to its status page with the token, which is kept like a code
     * (sealed in the row, masked in the stored bodies, opened only to send) and checked here once.
     *
     * @throws io.chatprivacy.notification.mail.CodeSeal.UnreadableCodeException if a status token cannot be opened
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutgoingMail> queueReceiptConfirmation(UUID accountId, RequestOpened opened, EventOrigin origin) {
        String address = opened.receiptAddress();
        if (address == null) {
            return Optional.empty();
        }
        Account account = registered(accountId);
        String sealedToken = opened.sealedStatusToken();
        if (sealedToken != null) {
            codes.openStatusToken(sealedToken, opened.requestId());
        }
        ReceiptConfirmationMail model = new ReceiptConfirmationMail(
                account.name(),
                opened.requestId(),
                opened.requestType(),
                origin.occurredAtOr(now()),
                opened.dueAt(),
                sealedToken == null ? null : statusUrl(accountId, opened.requestId()));
        OutgoingMail mail = OutgoingMail.queue(
                accountId,
                opened.requestId(),
                null,
                MailTemplate.RECEIPT_CONFIRMATION,
                address,
                templates.receiptConfirmation(model, MailTemplates.MASKED_CODE),
                origin.eventId(),
                now());
        if (sealedToken != null) {
            // the link stays useful as long as the request exists: the receipt never expires
            mail.withSealedSecret(sealedToken, models.write(model), null);
        }
        return Optional.of(queue(mail));
    }

    /**
     * Tells the consumer that the response period was extended and why; the account owner for a
     * request without a consumer (a tag deletion).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueExtensionNotice(UUID accountId, RequestExtended extended, EventOrigin origin) {
        Account account = registered(accountId);
        String subjectEmail = extended.subjectAddress();
        boolean toSubject = subjectEmail != null;
        ExtensionNoticeMail model = new ExtensionNoticeMail(
                account.name(),
                extended.requestId(),
                extended.requestType(),
                extended.tag(),
                toSubject,
                extended.reason(),
                extended.dueAt(),
                extended.extendedDueAt());
        return queue(OutgoingMail.queue(
                accountId,
                extended.requestId(),
                null,
                MailTemplate.EXTENSION_NOTICE,
                toSubject ? subjectEmail : account.ownerEmail(),
                templates.extensionNotice(model),
                origin.eventId(),
                now()));
    }

    /**
     * Tells the consumer their request was carried out; nothing for a request without a consumer (the owner
     * already has the purge confirmation of a tag deletion).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutgoingMail> queueCompletionNotice(
            UUID accountId, RequestCompleted completed, EventOrigin origin) {
        String address = completed.subjectAddress();
        if (address == null) {
            return Optional.empty();
        }
        Account account = registered(accountId);
        CompletionNoticeMail model = new CompletionNoticeMail(
                account.name(),
                completed.requestId(),
                completed.requestType(),
                completed.outcome() == null ? "" : completed.outcome(),
                origin.occurredAtOr(now()));
        return Optional.of(queue(OutgoingMail.queue(
                accountId,
                completed.requestId(),
                null,
                MailTemplate.COMPLETION_NOTICE,
                address,
                templates.completionNotice(model),
                origin.eventId(),
                now())));
    }

    /**
     * Tells the consumer their appeal of a decline was received and by when it will be decided; nothing for a request
     * without a consumer's address (a tag deletion, a visitor-only request: there is nobody to write to).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutgoingMail> queueAppealReceivedNotice(
            UUID accountId, AppealReceived received, EventOrigin origin) {
        String address = received.subjectAddress();
        if (address == null) {
            return Optional.empty();
        }
        Account account = registered(accountId);
        AppealReceivedNoticeMail model = new AppealReceivedNoticeMail(
                account.name(),
                received.requestId(),
                received.requestType(),
                origin.occurredAtOr(now()),
                received.dueAt());
        return Optional.of(queue(OutgoingMail.queue(
                accountId,
                received.requestId(),
                null,
                MailTemplate.APPEAL_RECEIVED_NOTICE,
                address,
                templates.appealReceivedNotice(model),
                origin.eventId(),
                now())));
    }

    /**
     * Tells the consumer the decision on their appeal with its explanation and citation; a decline that stands
     * (UPHELD) also with the jurisdiction's words on contacting the attorney general, as the event carries them.
     * Nothing for a request without a consumer's address.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutgoingMail> queueAppealDecisionNotice(UUID accountId, AppealDecided decided, EventOrigin origin) {
        String address = decided.subjectAddress();
        if (address == null) {
            return Optional.empty();
        }
        Account account = registered(accountId);
        AppealDecisionNoticeMail model = new AppealDecisionNoticeMail(
                account.name(),
                decided.requestId(),
                decided.requestType(),
                decided.decision(),
                decided.explanation(),
                decided.attorneyGeneralContact(),
                decided.citation(),
                origin.occurredAtOr(now()),
                decided.dueAt());
        return Optional.of(queue(OutgoingMail.queue(
                accountId,
                decided.requestId(),
                null,
                MailTemplate.APPEAL_DECISION_NOTICE,
                address,
                templates.appealDecisionNotice(model),
                origin.eventId(),
                now())));
    }

    /** Reminds the account owner of a coming due date, or alerts them to a passed one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueDeadlineNotice(
            UUID accountId, RequestDeadline deadline, boolean overdue, EventOrigin origin) {
        Account account = registered(accountId);
        DeadlineMail model = new DeadlineMail(
                account.name(),
                deadline.requestId(),
                deadline.requestType(),
                deadline.status(),
                deadline.dueAt(),
                deadline.daysLeft(),
                Boolean.TRUE.equals(deadline.extended()),
                overdue,
                deadline.isAppeal());
        return queue(OutgoingMail.queue(
                accountId,
                deadline.requestId(),
                null,
                overdue ? MailTemplate.DEADLINE_ALERT : MailTemplate.DEADLINE_REMINDER,
                account.ownerEmail(),
                templates.deadline(model),
                origin.eventId(),
                now()));
    }

    private Account registered(UUID accountId) {
        return accounts.findByIdOptional(accountId)
                .orElseThrow(() -> new TransientEventException(
                        "account " + accountId + " is not known here yet; its owner address is needed"));
    }

    private OutgoingMail queue(OutgoingMail mail) {
        if (OutgoingMail.undeliverable(mail.recipient())) {
            // the opt-out self-test's synthetic consumer: recorded, never attempted
            mail.skip(now());
            mails.persist(mail);
            LOG.infof(
                    "Skipped mail %s (%s) about request %s of account %s: reserved domain",
                    mail.id(), mail.template(), mail.requestId(), mail.accountId());
            return mail;
        }
        mails.persist(mail);
        afterCommit.run(WAKE_KEY, dispatcher::wakeUp);
        LOG.infof(
                "Queued mail %s (%s) about request %s of account %s",
                mail.id(), mail.template(), mail.requestId(), mail.accountId());
        return mail;
    }

    /** The request's status page on the privacy center, without the token. */
    private String statusUrl(UUID accountId, UUID requestId) {
        String base = config.privacyCenterUrl().replaceAll("/+$", "");
        return base + "/privacy/" + accountId + "/requests/" + requestId;
    }

    /** The privacy center's page of an access copy (without its token, which only the mail as sent carries). */
    private String copyUrl(UUID accountId, UUID exportId) {
        String base = config.privacyCenterUrl().replaceAll("/+$", "");
        return base + "/privacy/" + accountId + "/copies/" + exportId;
    }

    /** The privacy center's page where a consumer types the code of an intake. */
    private String codePageUrl(UUID accountId, UUID intakeId) {
        String base = config.privacyCenterUrl().replaceAll("/+$", "");
        return base + "/privacy/" + accountId + "/intakes/" + intakeId;
    }

    private String verificationUrl(UUID accountId, UUID requestId) {
        return deletionRequestUrl(accountId, requestId) + "/verification";
    }

    private String deletionRequestUrl(UUID accountId, UUID requestId) {
        String base = config.deletionServiceUrl().replaceAll("/+$", "");
        return base + "/accounts/" + accountId + "/deletion-requests/" + requestId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
