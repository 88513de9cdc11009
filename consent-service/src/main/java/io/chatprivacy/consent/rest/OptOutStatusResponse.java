package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.OptOutService;
import java.time.Instant;

/** Whether the visitor's opt-out of sale/sharing (and any limit on sensitive data) is honoured. */
public record OptOutStatusResponse(
        String visitorId,
        boolean optedOut,
        Instant optedOutAt,
        boolean sensitiveUseLimited,
        Instant sensitiveUseLimitedAt) {

    static OptOutStatusResponse of(OptOutService.Status status) {
        return new OptOutStatusResponse(
                status.visitorId(),
                status.optedOut(),
                status.saleSharingOptedOutAt(),
                status.sensitiveLimited(),
                status.sensitiveLimitedAt());
    }
}
