package io.chatprivacy.consent.messaging.inbound;

import java.util.UUID;

/** The fields of request-service's {@code request.opened.v1} that consent-service reads. */
public record RequestOpened(
        UUID requestId, UUID accountId, String requestType, String subjectEmail, String subjectVisitorId) {}
