package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** deletion-service's {@code deletion.verification-issued.v1}: the code for a tag deletion was mailed to the owner. */
public record VerificationIssued(
        @NotNull UUID requestId,
        @NotNull UUID jobId,
        UUID accountId,
        long chatCount,
        long ticketCount,
        @NotNull Instant expiresAt) {}
