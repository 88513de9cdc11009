package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account was registered ({@code account.registered.v1}). Key: the account id. The owner's
 * address is carried because notification-service and deletion-service must send verification codes
 * to it and to nothing else.
 *
 * @param widgetKeySha256 lowercase hex SHA-256 of the widget key, so consent-service can recognise it
 */
public record AccountRegisteredEvent(
        UUID accountId,
        String name,
        String ownerEmail,
        String widgetKeySha256,
        List<String> allowedOrigins,
        String status,
        Instant registeredAt)
        implements AccountEvent {

    public static final String TYPE = "account.registered.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
