package io.chatprivacy.deletion.messaging.inbound;

import java.util.UUID;

/**
 * The fields of request-service's {@code request.opened.v1} this service reads.
 *
 * @param correction for a CORRECT request, the field to fix and its corrected value; else null
 */
public record RequestOpenedData(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String subjectVisitorId,
        Correction correction) {

    /** What a CORRECT request fixes: {@code field} is {@code EMAIL} or {@code NAME}. */
    public record Correction(String field, String value) {}
}
