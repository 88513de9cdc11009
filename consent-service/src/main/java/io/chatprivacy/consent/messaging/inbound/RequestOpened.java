package io.chatprivacy.consent.messaging.inbound;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The fields of request-service's {@code request.opened.v1} that consent-service reads. */
public record RequestOpened(
        @NotNull UUID requestId, UUID accountId, String requestType, String subjectEmail, String subjectVisitorId) {}
