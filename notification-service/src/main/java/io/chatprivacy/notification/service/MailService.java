package io.chatprivacy.notification.service;

import io.chatprivacy.notification.config.NotificationConfig;
import io.chatprivacy.notification.domain.Account;
import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.mail.AccessExportMail;
import io.chatprivacy.notification.mail.CodeTransport;
import io.chatprivacy.notification.mail.CompletionNoticeMail;
import io.chatprivacy.notification.mail.DeadlineMail;
import io.chatprivacy.notification.mail.DeclineNoticeMail;
import io.chatprivacy.notification.mail.ExtensionNoticeMail;
import io.chatprivacy.notification.mail.JobLockedMail;
import io.chatprivacy.notification.mail.MailModels;
import io.chatprivacy.notification.mail.MailTemplates;
import io.chatprivacy.notification.mail.PurgeConfirmationMail;
import io.chatprivacy.notification.mail.ReceiptConfirmationMail;
import io.chatprivacy.notification.mail.VerificationCodeMail;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.chatprivacy.platform.events.TransientEventException;
import io.chatprivacy.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Queues the mails the events call for. Nothing is sent here: a mail is a row in the delivery log,
 * written in the consuming event's transaction, and {@link MailDispatcher} sends it after commit. So a
 * redelivered event (remembered by the inbox in the same transaction) never queues a second mail, and
 * an SMTP outage never loses one.
 *
 * <p>Codes and confirmations go to the account's registered owner address from this service's own
 * copy of the account registry, never to an address an event or a request names. Letters to the
 * consumer (receipt, extension, decline, completion, the copy of their data) go to the address they
 * gave with their request, as the events carry it.
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
    public OutgoingMail queueVerificationCode(
            UUID accountId,
            UUID requestId,
            UUID jobId,
            String tag,
            long chatCount,
            long ticketCount,
            String sealedCode,
            Instant expiresAt,
            String eventId) {
        Account account = registered(accountId);
        codes.open(sealedCode, jobId);
        VerificationCodeMail model = new VerificationCodeMail(
                account.name(),
                accountId,
                requestId,
                jobId,
                tag,
                chatCount,
                ticketCount,
                expiresAt,
                verificationUrl(accountId, requestId));
        OutgoingMail mail = OutgoingMail.queue(
                        accountId,
                        requestId,
                        jobId,
                        MailTemplate.VERIFICATION_CODE,
                        account.ownerEmail(),
                        templates.verificationCode(model, MailTemplates.MASKED_CODE),
                        eventId,
                        now())
                .withSealedSecret(sealedCode, models.write(model), expiresAt);
        return queue(mail);
    }

    /**
     * Queues the copy of a consumer's data (right to know) for the address they gave with their request.
     * Only the model (ids, counts, dates) and the still sealed token are stored: the chats and tickets
     * are fetched from deletion-service at send time and never kept here. The token is opened once,
     * only to make sure it can be (a token that cannot be opened is the event's fault).
     *
     * @throws io.chatprivacy.notification.mail.CodeSeal.UnreadableCodeException if the token cannot be opened
     * @throws TransientEventException if the account is not known here yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueAccessExport(
            UUID accountId,
            UUID requestId,
            UUID exportId,
            String subjectEmail,
            long chatCount,
            long ticketCount,
            String sealedToken,
            Instant preparedAt,
            Instant expiresAt,
            String eventId) {
        Account account = registered(accountId);
        codes.openExportToken(sealedToken, exportId);
        AccessExportMail model = new AccessExportMail(
                account.name(), accountId, requestId, exportId, chatCount, ticketCount, preparedAt, expiresAt);
        OutgoingMail mail = OutgoingMail.queue(
                        accountId,
                        requestId,
                        null,
                        MailTemplate.ACCESS_EXPORT,
                        subjectEmail,
                        templates.accessExport(model, null),
                        eventId,
                        now())
                .withSealedSecret(sealedToken, models.write(model), expiresAt);
        return queue(mail);
    }

    /** Queues the confirmation of a purge for the account owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queuePurgeConfirmation(
            UUID accountId,
            UUID requestId,
            UUID jobId,
            UUID receiptId,
            String tag,
            long chatsDeleted,
            long ticketsDeleted,
            long chatsSkippedLegalHold,
            long ticketsSkippedLegalHold,
            String authorisedBy,
            Instant completedAt,
            String eventId) {
        Account account = registered(accountId);
        PurgeConfirmationMail model = new PurgeConfirmationMail(
                account.name(),
                requestId,
                receiptId,
                tag,
                chatsDeleted,
                ticketsDeleted,
                chatsSkippedLegalHold,
                ticketsSkippedLegalHold,
                authorisedBy == null ? "the account owner" : authorisedBy,
                completedAt);
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                jobId,
                MailTemplate.PURGE_CONFIRMATION,
                account.ownerEmail(),
                templates.purgeConfirmation(model),
                eventId,
                now()));
    }

    /** Tells the account owner that wrong codes locked a deletion job. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueJobLockedNotice(
            UUID accountId, UUID requestId, UUID jobId, int failedAttempts, Instant lockedAt, String eventId) {
        Account account = registered(accountId);
        // the lock event does not repeat the scope; the code mail of the same job knows it
        String tag = mails.verificationMailOf(accountId, jobId)
                .map(OutgoingMail::model)
                .map(models::verification)
                .map(VerificationCodeMail::tag)
                .orElse(null);
        JobLockedMail model = new JobLockedMail(
                account.name(),
                requestId,
                tag,
                failedAttempts,
                lockedAt,
                deletionRequestUrl(accountId, requestId) + "/verification-code");
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                jobId,
                MailTemplate.JOB_LOCKED_NOTICE,
                account.ownerEmail(),
                templates.jobLocked(model),
                eventId,
                now()));
    }

    /**
     * Tells the data subject why their request was declined, or the account owner for a request
     * without a subject (a tag deletion).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueDeclineNotice(
            UUID accountId,
            UUID requestId,
            String requestType,
            String tag,
            String subjectEmail,
            String reason,
            String note,
            Instant declinedAt,
            String eventId) {
        Account account = registered(accountId);
        boolean toSubject = subjectEmail != null;
        DeclineNoticeMail model = new DeclineNoticeMail(
                account.name(), requestId, requestType, tag, toSubject, reason, note == null ? "-" : note, declinedAt);
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                null,
                MailTemplate.DECLINE_NOTICE,
                toSubject ? subjectEmail : account.ownerEmail(),
                templates.declineNotice(model),
                eventId,
                now()));
    }

    /** Confirms receipt of a rights request to the consumer's own address (as they gave it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueReceiptConfirmation(
            UUID accountId,
            UUID requestId,
            String requestType,
            String subjectEmail,
            Instant receivedAt,
            Instant dueAt,
            String eventId) {
        Account account = registered(accountId);
        ReceiptConfirmationMail model =
                new ReceiptConfirmationMail(account.name(), requestId, requestType, receivedAt, dueAt);
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                null,
                MailTemplate.RECEIPT_CONFIRMATION,
                subjectEmail,
                templates.receiptConfirmation(model),
                eventId,
                now()));
    }

    /**
     * Tells the consumer that the response period was extended and why; the account owner for a
     * request without a consumer (a tag deletion).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueExtensionNotice(
            UUID accountId,
            UUID requestId,
            String requestType,
            String tag,
            String subjectEmail,
            String reason,
            Instant dueAt,
            Instant extendedDueAt,
            String eventId) {
        Account account = registered(accountId);
        boolean toSubject = subjectEmail != null;
        ExtensionNoticeMail model = new ExtensionNoticeMail(
                account.name(), requestId, requestType, tag, toSubject, reason, dueAt, extendedDueAt);
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                null,
                MailTemplate.EXTENSION_NOTICE,
                toSubject ? subjectEmail : account.ownerEmail(),
                templates.extensionNotice(model),
                eventId,
                now()));
    }

    /** Tells the consumer their request was carried out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueCompletionNotice(
            UUID accountId,
            UUID requestId,
            String requestType,
            String subjectEmail,
            String outcome,
            Instant completedAt,
            String eventId) {
        Account account = registered(accountId);
        CompletionNoticeMail model = new CompletionNoticeMail(
                account.name(), requestId, requestType, outcome == null ? "" : outcome, completedAt);
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                null,
                MailTemplate.COMPLETION_NOTICE,
                subjectEmail,
                templates.completionNotice(model),
                eventId,
                now()));
    }

    /** Reminds the account owner of a coming due date, or alerts them to a passed one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queueDeadlineNotice(
            UUID accountId,
            UUID requestId,
            String requestType,
            String status,
            Instant dueAt,
            Long daysLeft,
            boolean extended,
            boolean overdue,
            String eventId) {
        Account account = registered(accountId);
        DeadlineMail model =
                new DeadlineMail(account.name(), requestId, requestType, status, dueAt, daysLeft, extended, overdue);
        return queue(OutgoingMail.queue(
                accountId,
                requestId,
                null,
                overdue ? MailTemplate.DEADLINE_ALERT : MailTemplate.DEADLINE_REMINDER,
                account.ownerEmail(),
                templates.deadline(model),
                eventId,
                now()));
    }

    private Account registered(UUID accountId) {
        return accounts.findByIdOptional(accountId)
                .orElseThrow(() -> new TransientEventException(
                        "account " + accountId + " is not known here yet; its owner address is needed"));
    }

    private OutgoingMail queue(OutgoingMail mail) {
        mails.persist(mail);
        afterCommit.run(WAKE_KEY, dispatcher::wakeUp);
        LOG.infof(
                "Queued mail %s (%s) about request %s of account %s",
                mail.id(), mail.template(), mail.requestId(), mail.accountId());
        return mail;
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
