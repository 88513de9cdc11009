package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.export-ready.v1} this service reads. The token is
 * only ever here sealed; this record never prints it nor the address.
 */
public record ExportReady(
        UUID exportId,
        UUID requestId,
        UUID accountId,
        String subjectEmail,
        Long chatCount,
        Long ticketCount,
        String sealedToken,
        Instant preparedAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "ExportReady[exportId=" + exportId + ", requestId=" + requestId + "]";
    }
}
