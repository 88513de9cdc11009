package io.chatprivacy.notification.mail;

import io.chatprivacy.notification.domain.RenderedMail;
import io.chatprivacy.platform.text.TextRules;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Renders every mail this service sends from its Qute templates ({@code templates/mail/}), each in a
 * text and an HTML variant. Rendered mail is never logged.
 */
@ApplicationScoped
public class MailTemplates {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\t\\n\\r\\u2028\\u2029]");

    /** What stored copies of a verification mail show instead of the code (and of a receipt, instead of its token). */
    public static final String MASKED_CODE = "••••••••";

    private final Template verificationCodeText;
    private final Template verificationCodeHtml;
    private final Template purgeConfirmationText;
    private final Template purgeConfirmationHtml;
    private final Template declineNoticeText;
    private final Template declineNoticeHtml;
    private final Template jobLockedText;
    private final Template jobLockedHtml;
    private final Template receiptText;
    private final Template receiptHtml;
    private final Template extensionText;
    private final Template extensionHtml;
    private final Template completionText;
    private final Template completionHtml;
    private final Template deadlineText;
    private final Template deadlineHtml;
    private final Template accessExportText;
    private final Template accessExportHtml;
    private final Template consumerCodeText;
    private final Template consumerCodeHtml;
    private final Template appealReceivedText;
    private final Template appealReceivedHtml;
    private final Template appealDecisionText;
    private final Template appealDecisionHtml;
    private final Template exportCodeText;
    private final Template exportCodeHtml;

    MailTemplates(
            @Location("mail/verification-code.txt") Template verificationCodeText,
            @Location("mail/verification-code.html") Template verificationCodeHtml,
            @Location("mail/purge-confirmation.txt") Template purgeConfirmationText,
            @Location("mail/purge-confirmation.html") Template purgeConfirmationHtml,
            @Location("mail/decline-notice.txt") Template declineNoticeText,
            @Location("mail/decline-notice.html") Template declineNoticeHtml,
            @Location("mail/job-locked.txt") Template jobLockedText,
            @Location("mail/job-locked.html") Template jobLockedHtml,
            @Location("mail/receipt-confirmation.txt") Template receiptText,
            @Location("mail/receipt-confirmation.html") Template receiptHtml,
            @Location("mail/extension-notice.txt") Template extensionText,
            @Location("mail/extension-notice.html") Template extensionHtml,
            @Location("mail/completion-notice.txt") Template completionText,
            @Location("mail/completion-notice.html") Template completionHtml,
            @Location("mail/deadline.txt") Template deadlineText,
            @Location("mail/deadline.html") Template deadlineHtml,
            @Location("mail/access-export.txt") Template accessExportText,
            @Location("mail/access-export.html") Template accessExportHtml,
            @Location("mail/consumer-verification-code.txt") Template consumerCodeText,
            @Location("mail/consumer-verification-code.html") Template consumerCodeHtml,
            @Location("mail/appeal-received-notice.txt") Template appealReceivedText,
            @Location("mail/appeal-received-notice.html") Template appealReceivedHtml,
            @Location("mail/appeal-decision-notice.txt") Template appealDecisionText,
            @Location("mail/appeal-decision-notice.html") Template appealDecisionHtml,
            @Location("mail/access-export-code.txt") Template exportCodeText,
            @Location("mail/access-export-code.html") Template exportCodeHtml) {
        this.verificationCodeText = verificationCodeText;
        this.verificationCodeHtml = verificationCodeHtml;
        this.purgeConfirmationText = purgeConfirmationText;
        this.purgeConfirmationHtml = purgeConfirmationHtml;
        this.declineNoticeText = declineNoticeText;
        this.declineNoticeHtml = declineNoticeHtml;
        this.jobLockedText = jobLockedText;
        this.jobLockedHtml = jobLockedHtml;
        this.receiptText = receiptText;
        this.receiptHtml = receiptHtml;
        this.extensionText = extensionText;
        this.extensionHtml = extensionHtml;
        this.completionText = completionText;
        this.completionHtml = completionHtml;
        this.deadlineText = deadlineText;
        this.deadlineHtml = deadlineHtml;
        this.accessExportText = accessExportText;
        this.accessExportHtml = accessExportHtml;
        this.consumerCodeText = consumerCodeText;
        this.consumerCodeHtml = consumerCodeHtml;
        this.appealReceivedText = appealReceivedText;
        this.appealReceivedHtml = appealReceivedHtml;
        this.appealDecisionText = appealDecisionText;
        this.appealDecisionHtml = appealDecisionHtml;
        this.exportCodeText = exportCodeText;
        this.exportCodeHtml = exportCodeHtml;
    }

    /**
     * The access mail: what the copy holds and a link to it carrying {@code token} ({@link #MASKED_CODE} for the
     * stored copy). Never the content itself.
     */
    public RenderedMail accessExport(AccessExportMail mail, String token) {
        return rendered(
                "Your chat data from " + mail.accountName(),
                accessExportText.data("mail", mail).data("token", token).render(),
                accessExportHtml.data("mail", mail).data("token", token).render());
    }

    /** The code that opens an access copy ({@link #MASKED_CODE} for the stored copy). */
    public RenderedMail accessExportCode(ExportCodeMail mail, String code) {
        return rendered(
                "Your code to open your chat data from " + mail.accountName(),
                exportCodeText.data("mail", mail).data("code", code).render(),
                exportCodeHtml.data("mail", mail).data("code", code).render());
    }

    /**
     * The receipt confirmation; with a status link ({@link ReceiptConfirmationMail#statusUrl()}) the link carries
     * {@code statusToken} ({@link #MASKED_CODE} for the stored copy).
     */
    public RenderedMail receiptConfirmation(ReceiptConfirmationMail mail, String statusToken) {
        return rendered(
                "We received your privacy request to " + mail.accountName(),
                receiptText.data("mail", mail).data("statusToken", statusToken).render(),
                receiptHtml.data("mail", mail).data("statusToken", statusToken).render());
    }

    /**
     * A consumer's verification mail (privacy center) with the given code ({@link #MASKED_CODE} for the stored
     * copy).
     */
    public RenderedMail consumerVerificationCode(ConsumerCodeMail mail, String code) {
        return rendered(
                "Your code to confirm your privacy request to " + mail.accountName(),
                consumerCodeText.data("mail", mail).data("code", code).render(),
                consumerCodeHtml.data("mail", mail).data("code", code).render());
    }

    public RenderedMail extensionNotice(ExtensionNoticeMail mail) {
        String subject = mail.toSubject()
                ? "Your privacy request to " + mail.accountName() + " needs more time"
                : "Request extended for " + mail.accountName() + " (request " + mail.requestId() + ")";
        return rendered(
                subject,
                extensionText.data("mail", mail).render(),
                extensionHtml.data("mail", mail).render());
    }

    public RenderedMail completionNotice(CompletionNoticeMail mail) {
        return rendered(
                "Your privacy request to " + mail.accountName() + " was completed",
                completionText.data("mail", mail).render(),
                completionHtml.data("mail", mail).render());
    }

    public RenderedMail appealReceivedNotice(AppealReceivedNoticeMail mail) {
        return rendered(
                "We received your appeal to " + mail.accountName(),
                appealReceivedText.data("mail", mail).render(),
                appealReceivedHtml.data("mail", mail).render());
    }

    public RenderedMail appealDecisionNotice(AppealDecisionNoticeMail mail) {
        String subject = mail.upheld()
                ? "Your appeal to " + mail.accountName() + " was decided: the decline stands"
                : "Your appeal to " + mail.accountName() + " was decided: your request will be carried out";
        return rendered(
                subject,
                appealDecisionText.data("mail", mail).render(),
                appealDecisionHtml.data("mail", mail).render());
    }

    public RenderedMail deadline(DeadlineMail mail) {
        String what = (mail.appeal() ? "appeal of " : "") + mail.typeText() + " request " + mail.requestId() + " for "
                + mail.accountName();
        String subject = mail.overdue() ? "Overdue: " + what : "Due in " + mail.daysLeft() + " day(s): " + what;
        return rendered(
                subject,
                deadlineText.data("mail", mail).render(),
                deadlineHtml.data("mail", mail).render());
    }

    /** The verification mail with the given code ({@link #MASKED_CODE} for the stored copy). */
    public RenderedMail verificationCode(VerificationCodeMail mail, String code) {
        String codeBody = "{\"code\":\"" + code + "\"}";
        return rendered(
                "Verification code to confirm a deletion for " + mail.accountName(),
                verificationCodeText
                        .data("mail", mail)
                        .data("code", code)
                        .data("codeBody", codeBody)
                        .render(),
                verificationCodeHtml
                        .data("mail", mail)
                        .data("code", code)
                        .data("codeBody", codeBody)
                        .render());
    }

    public RenderedMail purgeConfirmation(PurgeConfirmationMail mail) {
        return rendered(
                "Deletion completed for " + mail.accountName() + " (receipt " + mail.receiptId() + ")",
                purgeConfirmationText.data("mail", mail).render(),
                purgeConfirmationHtml.data("mail", mail).render());
    }

    public RenderedMail declineNotice(DeclineNoticeMail mail) {
        String subject = mail.toSubject()
                ? "Your privacy request to " + mail.accountName() + " was declined"
                : "Request declined for " + mail.accountName() + " (request " + mail.requestId() + ")";
        return rendered(
                subject,
                declineNoticeText.data("mail", mail).render(),
                declineNoticeHtml.data("mail", mail).render());
    }

    public RenderedMail jobLocked(JobLockedMail mail) {
        return rendered(
                "Deletion verification locked for " + mail.accountName(),
                jobLockedText.data("mail", mail).render(),
                jobLockedHtml.data("mail", mail).render());
    }

    /**
     * The mail as sent. Whatever stored text the templates show (an account name, a tag, a note, a transcript)
     * passed the text rule when it came in; this drops control and bidi-override characters once more, so that
     * no value stored before the rule, or by a path that missed it, reaches a mail reader (defence in depth).
     */
    private static RenderedMail rendered(String subject, String text, String html) {
        return new RenderedMail(subject(subject), TextRules.withoutControls(text), TextRules.withoutControls(html));
    }

    /** One line (an account name must not inject headers), no control characters, at most 300 chars. */
    private static String subject(String subject) {
        String line = LINE_BREAKS
                .matcher(TextRules.withoutControls(subject))
                .replaceAll(" ")
                .strip();
        return line.length() <= 300 ? line : line.substring(0, 300);
    }
}
