package io.chatprivacy.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One mail in the delivery log: what goes to whom about which request, and how its delivery went.
 *
 * <p>Bodies are rendered when the mail is queued, so the log shows what was sent. Two kinds of mail
 * are rendered again at send time from their {@code model} and a secret the row holds only sealed
 * ({@code sealedSecret}): a verification code (stored bodies show it masked) and a token that goes into a
 * link (an access copy's, a request's status page; stored bodies show it masked too). The sealed secret is
 * wiped once the mail is delivered or given up.
 */
@Entity
@Table(name = "outgoing_mail")
public class OutgoingMail {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "request_id")
    private UUID requestId;

    @Column(name = "job_id")
    private UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MailTemplate template;

    @Column(nullable = false)
    private String recipient;

    @Column(nullable = false)
    private String subject;

    @Column(name = "text_body", nullable = false)
    private String textBody;

    @Column(name = "html_body", nullable = false)
    private String htmlBody;

    /** The template's data as JSON, for mails rendered again at send time (never a secret, never content). */
    private String model;

    /** A verification code or an export token, still sealed; only while PENDING. */
    @Column(name = "sealed_secret")
    private String sealedSecret;

    /** After this instant the mail is useless (its code or export has expired); null if it never is. */
    @Column(name = "useless_after")
    private Instant uselessAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MailStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_reason")
    private FailureReason failureReason;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "source_event_id", nullable = false)
    private String sourceEventId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected OutgoingMail() {}

    /** A mail to deliver as soon as possible. */
    public static OutgoingMail queue(
            UUID accountId,
            UUID requestId,
            UUID jobId,
            MailTemplate template,
            String recipient,
            RenderedMail rendered,
            String sourceEventId,
            Instant now) {
        OutgoingMail mail = new OutgoingMail();
        mail.id = UUID.randomUUID();
        mail.accountId = Objects.requireNonNull(accountId, "accountId");
        mail.requestId = requestId;
        mail.jobId = jobId;
        mail.template = Objects.requireNonNull(template, "template");
        mail.recipient = Objects.requireNonNull(recipient, "recipient");
        mail.subject = rendered.subject();
        mail.textBody = rendered.text();
        mail.htmlBody = rendered.html();
        mail.sourceEventId = Objects.requireNonNull(sourceEventId, "sourceEventId");
        mail.status = MailStatus.PENDING;
        mail.attempts = 0;
        mail.nextAttemptAt = now;
        mail.createdAt = now;
        return mail;
    }

    /**
     * Makes this a mail rendered at send time: the secret (a verification code or an export token)
     * travels sealed and is opened, with {@code model}, only to send; the mail is useless after
     * {@code expiresAt}.
     */
    public OutgoingMail withSealedSecret(String sealedSecret, String model, Instant expiresAt) {
        this.sealedSecret = Objects.requireNonNull(sealedSecret, "sealedSecret");
        this.model = Objects.requireNonNull(model, "model");
        this.uselessAfter = expiresAt;
        return this;
    }

    /** Whether the mail can no longer serve its purpose at {@code now}. */
    public boolean isUseless(Instant now) {
        return uselessAfter != null && now.isAfter(uselessAfter);
    }

    /** The SMTP relay accepted the mail. */
    public void markSent(Instant now) {
        requirePending();
        attempts++;
        status = MailStatus.SENT;
        sentAt = now;
        finishedAt = now;
        failureReason = null;
        lastError = null;
        sealedSecret = null;
    }

    /**
     * An attempt failed because the connection to the relay dropped under it, and another is made at once: counted like
     * any attempt, but the mail stays due and no failure is recorded (the next attempt's outcome is).
     */
    public void retryAtOnce() {
        requirePending();
        attempts++;
    }

    /** An attempt failed; try again at {@code next}. */
    public void retryAt(Instant next, FailureReason reason, String error) {
        requirePending();
        attempts++;
        nextAttemptAt = next;
        failureReason = reason;
        lastError = truncate(error);
    }

    /**
     * Gives up on the mail.
     *
     * @param attempted whether a delivery attempt was made just now (counted) or the mail was given up
     *     without one
     */
    public void giveUp(Instant now, FailureReason reason, String error, boolean attempted) {
        requirePending();
        if (attempted) {
            attempts++;
        }
        status = MailStatus.FAILED;
        failureReason = reason;
        lastError = truncate(error);
        finishedAt = now;
        sealedSecret = null;
    }

    /** Whether an address is on a {@code .invalid} domain (RFC 2606, RFC 6761): it can never receive mail. */
    public static boolean undeliverable(String recipient) {
        return recipient != null
                && recipient.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".invalid");
    }

    /** The mail is never sent: its recipient cannot receive mail ({@link #undeliverable}). */
    public void skip(Instant now) {
        requirePending();
        status = MailStatus.SKIPPED;
        lastError = "the recipient's domain is reserved (.invalid) and cannot receive mail";
        finishedAt = now;
        sealedSecret = null;
    }

    private void requirePending() {
        if (status != MailStatus.PENDING) {
            throw new IllegalStateException("mail " + id + " is already " + status);
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    /** A Message-ID derived from the mail id, the same on every attempt, so receivers can drop a repeat. */
    public String messageId(String domain) {
        return "<" + id + "@" + domain + ">";
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID requestId() {
        return requestId;
    }

    public UUID jobId() {
        return jobId;
    }

    public MailTemplate template() {
        return template;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String textBody() {
        return textBody;
    }

    public String htmlBody() {
        return htmlBody;
    }

    public String model() {
        return model;
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public Instant uselessAfter() {
        return uselessAfter;
    }

    public MailStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public FailureReason failureReason() {
        return failureReason;
    }

    public String lastError() {
        return lastError;
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
