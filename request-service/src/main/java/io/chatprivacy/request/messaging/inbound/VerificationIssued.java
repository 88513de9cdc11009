package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of deletion-service's {@code deletion.verification-issued.v1} this service reads (never the code). */
public record VerificationIssued(
        UUID requestId, UUID jobId, UUID accountId, Long chatCount, Long ticketCount, Instant expiresAt) {}
