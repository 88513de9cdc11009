package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's account events that this service reads. */
public record AccountSnapshot(UUID accountId, String name, String ownerEmail, String status, Instant registeredAt) {}
