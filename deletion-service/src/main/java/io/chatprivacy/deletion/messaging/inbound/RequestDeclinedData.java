package io.chatprivacy.deletion.messaging.inbound;

import java.util.UUID;

/** The fields of request-service's {@code request.declined.v1} this service reads. */
public record RequestDeclinedData(UUID requestId, UUID accountId, String requestType) {}
