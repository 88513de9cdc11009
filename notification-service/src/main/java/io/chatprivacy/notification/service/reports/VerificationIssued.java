package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.verification-issued.v1} this service reads. The
 * code itself is only ever here sealed; this record never prints it.
 */
public record VerificationIssued(
        @NotNull UUID requestId,
        @NotNull UUID jobId,
        UUID accountId,
        String tag,
        long chatCount,
        long ticketCount,
        @NotNull String sealedCode,
        @NotNull Instant expiresAt) {

    @Override
    public String toString() {
        return "VerificationIssued[requestId=" + requestId + ", jobId=" + jobId + "]";
    }
}
