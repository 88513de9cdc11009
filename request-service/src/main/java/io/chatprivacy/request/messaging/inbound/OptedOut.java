package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of consent-service's {@code consent.opted-out.v1} this service reads. */
public record OptedOut(
        UUID optOutId, UUID accountId, String scope, String source, UUID requestId, Instant optedOutAt) {}
