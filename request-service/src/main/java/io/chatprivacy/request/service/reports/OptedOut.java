package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** consent-service's {@code consent.opted-out.v1}; {@code requestId} only when the opt-out answers a request. */
public record OptedOut(
        @NotNull UUID optOutId,
        UUID accountId,
        @NotNull String scope,
        String source,
        UUID requestId,
        Instant optedOutAt) {}
