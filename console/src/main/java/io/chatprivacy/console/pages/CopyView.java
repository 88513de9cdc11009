package io.chatprivacy.console.pages;

import io.chatprivacy.console.clients.CopyService;
import io.chatprivacy.console.clients.PrivacyProblem;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The copy page of the privacy center: an access copy's link from the consumer's mail, its token carried in the
 * page's forms (never in a log). Before the copy opens: what happens, "Email me a code", the field for the code,
 * and what went wrong in plain words (an expired link, a locked copy, a wrong code with the attempts left). Once
 * opened: the copy, readable, and its JSON as a download.
 *
 * @param token the export's token, as the link carried it
 * @param codeSent a code was mailed (the code field is offered)
 * @param codeForm whether the code field is offered
 * @param askForm whether "Email me a code" is offered
 * @param copy the opened copy, or null
 * @param json the copy exactly as deletion-service answered, or null
 */
public record CopyView(
        UUID exportId,
        String token,
        String notice,
        String problemTitle,
        String problemDetail,
        String codeError,
        boolean codeSent,
        boolean codeForm,
        boolean askForm,
        CopyService.Copy copy,
        String json) {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMMM d, yyyy").withZone(ZoneOffset.UTC);

    /** The link as opened from the mail; {@code sent} is the number of the code just mailed, if any. */
    static CopyView fresh(UUID exportId, String token, Integer sent) {
        if (sent == null) {
            return new CopyView(exportId, token, null, null, null, null, false, false, true, null, null);
        }
        String notice = sent > 1
                ? "We emailed you a new code. The code before it no longer works."
                : "We emailed an 8-digit code to the address you asked for the copy with. Enter it here within 30"
                        + " minutes.";
        return new CopyView(exportId, token, notice, null, null, null, true, true, true, null, null);
    }

    static CopyView badCode(UUID exportId, String token) {
        return new CopyView(
                exportId,
                token,
                null,
                null,
                null,
                "Enter the 8 digits of the code from the email.",
                true,
                true,
                true,
                null,
                null);
    }

    static CopyView opened(UUID exportId, CopyService.Copy copy, String json) {
        return new CopyView(exportId, null, null, null, null, null, false, false, false, copy, json);
    }

    /** deletion-service's refusal, told plainly. */
    static CopyView refused(UUID exportId, String token, PrivacyProblem problem) {
        String detail = problem.detail();
        return switch (problem.kind()) {
            case "wrong-code" -> {
                // the attempts left are a member of the problem (0: this wrong code locked the copy); a
                // deletion-service without it (mid-upgrade) says so in its detail
                boolean lockedNow =
                        problem.attemptsLeft() != null ? problem.attemptsLeft() == 0 : detail.contains("locked");
                yield lockedNow
                        ? locked(exportId, token)
                        : new CopyView(
                                exportId,
                                token,
                                null,
                                null,
                                null,
                                detail.isEmpty() ? "That code is not right." : detail,
                                true,
                                true,
                                true,
                                null,
                                null);
            }
            case "export-locked" -> locked(exportId, token);
            case "export-expired" ->
                new CopyView(
                        exportId,
                        token,
                        null,
                        "This link has expired.",
                        "A copy can be opened for seven days. Ask the business for a fresh copy; it will come with a"
                                + " new link.",
                        null,
                        false,
                        false,
                        false,
                        null,
                        null);
            case "code-expired" ->
                new CopyView(
                        exportId,
                        token,
                        null,
                        "This code has expired: a code works for 30 minutes. Ask for a new one.",
                        null,
                        null,
                        false,
                        false,
                        true,
                        null,
                        null);
            case "no-code" ->
                new CopyView(
                        exportId,
                        token,
                        null,
                        "This code was already used or replaced. Ask for a new one.",
                        null,
                        null,
                        false,
                        false,
                        true,
                        null,
                        null);
            case "no-codes-left" ->
                new CopyView(
                        exportId,
                        token,
                        null,
                        "You cannot ask for another code for this copy.",
                        detail,
                        null,
                        true,
                        true,
                        false,
                        null,
                        null);
            default ->
                new CopyView(
                        exportId,
                        token,
                        null,
                        problem.title().isEmpty() ? "Your copy could not be opened." : problem.title(),
                        detail,
                        null,
                        false,
                        false,
                        true,
                        null,
                        null);
        };
    }

    /** The first day the copy covers, in words; null when deletion-service did not say. */
    public String coversFromText() {
        return copy == null || copy.coversFrom() == null ? null : DAY.format(copy.coversFrom());
    }

    public List<CopyService.Chat> chats() {
        return copy == null || copy.chats() == null ? List.of() : copy.chats();
    }

    public List<CopyService.Ticket> tickets() {
        return copy == null || copy.tickets() == null ? List.of() : copy.tickets();
    }

    /** The copy's JSON as a {@code data:} URI, so that the download needs no second request (and no code). */
    public String download() {
        return json == null
                ? null
                : "data:application/json;base64,"
                        + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public String downloadName() {
        return "chat-data-" + (copy == null || copy.requestId() == null ? exportId : copy.requestId()) + ".json";
    }

    /** A copy locked for good after too many wrong codes. */
    private static CopyView locked(UUID exportId, String token) {
        return new CopyView(
                exportId,
                token,
                null,
                "Too many wrong codes: this copy is locked for good.",
                "Ask the business for a fresh copy; it will come with a new link.",
                null,
                false,
                false,
                false,
                null,
                null);
    }
}
