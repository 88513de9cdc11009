package io.chatprivacy.deletion.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The holder of an export's link asked for a one-time code to open the copy ({@code
 * deletion.export-code-issued.v1}). notification-service mails the code to {@code subjectEmail}, the address the
 * copy was asked for: only who can read that mailbox opens the copy. Subject: the export id.
 *
 * @param subjectEmail where the code goes: the address of the ACCESS request the export answers
 * @param sealedCode the code, sealed for notification-service like the others, with {@code "export-code|" +
 *     exportId} as associated data
 * @param codeNumber 1 for the export's first code, 2.. for later ones (each replaces the one before)
 * @param expiresAt when the code stops being accepted
 */
public record ExportCodeIssuedEvent(
        UUID exportId,
        UUID requestId,
        UUID accountId,
        String subjectEmail,
        String sealedCode,
        int codeNumber,
        Instant expiresAt)
        implements DeletionEvent {

    public static final String TYPE = "deletion.export-code-issued.v1";

    @Override
    public String subject() {
        return exportId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
