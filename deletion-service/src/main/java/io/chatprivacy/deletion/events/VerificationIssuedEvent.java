package io.chatprivacy.deletion.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A deletion job was opened and its one-time code issued ({@code deletion.verification-issued.v1}).
 * notification-service mails the code to the account's registered owner address; request-service moves
 * the request to AWAITING_VERIFICATION. A resend, or a new job after a lock, issues another one (new
 * job id; the previous code is dead).
 *
 * @param tag the tag whose items will be deleted, or null for a data subject's deletion
 * @param subjectEmailHash hex of the vault's keyed hash of the subject's email (subject deletions), or null
 * @param chatCount chats that carry the tag now (not under a legal hold)
 * @param ticketCount tickets that carry the tag now (not under a legal hold)
 * @param sealedCode the code, sealed for notification-service: base64url (no padding) of 12-byte IV ||
 *     AES-256-GCM ciphertext and tag, under CODE_TRANSPORT_KEY, with the job id as associated data
 * @param expiresAt when the code stops being accepted
 */
public record VerificationIssuedEvent(
        UUID requestId,
        UUID jobId,
        UUID accountId,
        String tag,
        String subjectEmailHash,
        int chatCount,
        int ticketCount,
        String sealedCode,
        Instant expiresAt)
        implements DeletionEvent {

    public static final String TYPE = "deletion.verification-issued.v1";

    @Override
    public String subject() {
        return jobId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
