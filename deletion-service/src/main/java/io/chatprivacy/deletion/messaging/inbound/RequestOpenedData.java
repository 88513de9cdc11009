package io.chatprivacy.deletion.messaging.inbound;

import java.util.UUID;

/** The fields of request-service's {@code request.opened.v1} this service reads. */
public record RequestOpenedData(
        UUID requestId, UUID accountId, String requestType, String tag, String subjectEmail, String subjectVisitorId) {}
