package io.chatprivacy.consent.messaging.inbound;

import java.util.List;
import java.util.UUID;

/** The fields of request-service's account events that consent-service reads. */
public record AccountSnapshot(UUID accountId, String widgetKeySha256, List<String> allowedOrigins, String status) {}
