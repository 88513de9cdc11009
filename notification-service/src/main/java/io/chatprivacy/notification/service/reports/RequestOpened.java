package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of request-service's {@code request.opened.v1} this service reads (for the receipt
 * confirmation). Never prints an address or a corrected value.
 *
 * @param correction for a CORRECT request, what is corrected to which value; null otherwise
 */
public record RequestOpened(
        UUID requestId,
        UUID accountId,
        String requestType,
        String subjectEmail,
        Instant receivedAt,
        Instant dueAt,
        Correction correction) {

    @Override
    public String toString() {
        return "RequestOpened[requestId=" + requestId + "]";
    }

    /** A correction: {@code field} EMAIL or NAME, and the consumer's right {@code value}. */
    public record Correction(String field, String value) {

        @Override
        public String toString() {
            return "Correction[field=" + field + "]";
        }
    }
}
