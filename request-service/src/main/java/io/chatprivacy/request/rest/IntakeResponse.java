package io.chatprivacy.request.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.ConsumerIntake;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a consumer's submission stands: waiting for the code mailed to them (until {@code codeExpiresAt}), or
 * opened as request {@code requestId}, whose status page opens with {@code statusToken} (shown this once).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntakeResponse(
        UUID intakeId,
        ConsumerIntake.Status status,
        boolean verificationRequired,
        Instant codeExpiresAt,
        UUID requestId,
        String statusToken) {}
