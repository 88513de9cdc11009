package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The fields of consent-service's {@code consent.opt-out-self-test-failed.v1} this service reads. */
public record SelfTestFailed(
        @NotNull UUID runId,
        UUID accountId,
        @NotNull String failedCheck,
        @NotNull Instant startedAt,
        @NotNull Instant failedAt) {}
