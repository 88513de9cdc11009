package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.export-ready.v1} this service reads: ids and counts, never
 * the consumer's address or the sealed token.
 */
public record ExportReady(
        UUID exportId,
        UUID requestId,
        UUID accountId,
        Long chatCount,
        Long ticketCount,
        Instant preparedAt,
        Instant expiresAt) {}
