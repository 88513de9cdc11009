package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** deletion-service's {@code deletion.export-ready.v1}: the copy an ACCESS request asked for is prepared. */
public record ExportReady(
        @NotNull UUID exportId,
        @NotNull UUID requestId,
        UUID accountId,
        long chatCount,
        long ticketCount,
        Instant preparedAt,
        @NotNull Instant expiresAt) {}
