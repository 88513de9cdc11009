package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.correction-rejected.v1} this service reads; {@code detail}
 * is a sentence without personal data, {@code reason} {@code NO_MATCHING_DATA} (any other is treated alike).
 */
public record CorrectionRejected(
        UUID requestId, UUID accountId, String field, String reason, String detail, Instant rejectedAt) {}
