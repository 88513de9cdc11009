package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.verification-issued.v1} this service reads. The
 * code itself is only ever here sealed; this record never prints it.
 */
public record VerificationIssued(
        UUID requestId,
        UUID jobId,
        UUID accountId,
        String tag,
        Long chatCount,
        Long ticketCount,
        String sealedCode,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "VerificationIssued[requestId=" + requestId + ", jobId=" + jobId + "]";
    }
}
