package io.chatprivacy.deletion.events;

import io.chatprivacy.deletion.domain.CorrectionField;
import java.time.Instant;
import java.util.UUID;

/**
 * A CORRECT request could not be carried out ({@code deletion.correction-rejected.v1}); published once per
 * request. request-service declines the request (CANNOT_VERIFY) with {@code detail} as its note. Subject:
 * the request id.
 *
 * @param reason {@value #NO_MATCHING_DATA} (nothing in the vault matches the consumer's identifiers), the
 *     only reason for now; consumers treat an unknown reason like it
 * @param detail a sentence for people, without personal data
 */
public record CorrectionRejectedEvent(
        UUID requestId, UUID accountId, CorrectionField field, String reason, String detail, Instant rejectedAt)
        implements DeletionEvent {

    public static final String TYPE = "deletion.correction-rejected.v1";
    public static final String NO_MATCHING_DATA = "NO_MATCHING_DATA";

    @Override
    public String subject() {
        return requestId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
