package io.chatprivacy.deletion.events;

import io.chatprivacy.deletion.domain.CorrectionField;
import java.time.Instant;
import java.util.UUID;

/**
 * A CORRECT request was carried out in the vault ({@code deletion.correction-applied.v1}); published once
 * per request. request-service fulfils the request. Counts only, never the old or new value. Subject: the
 * correction id.
 *
 * @param chatsMatched chats of the consumer the correction applied to
 * @param chatsCorrected of those, the chats that changed (the others already held the value)
 */
public record CorrectionAppliedEvent(
        UUID correctionId,
        UUID requestId,
        UUID accountId,
        CorrectionField field,
        int chatsMatched,
        int ticketsMatched,
        int chatsCorrected,
        int ticketsCorrected,
        Instant appliedAt)
        implements DeletionEvent {

    public static final String TYPE = "deletion.correction-applied.v1";

    @Override
    public String subject() {
        return correctionId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
