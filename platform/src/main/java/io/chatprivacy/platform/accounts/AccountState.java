package io.chatprivacy.platform.accounts;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account as request-service's registry last published it on the compacted {@code account-events}
 * topic ({@code account.*.v1}): the fields any service's copy reads. Unknown fields are ignored, so the
 * registry may add some without breaking a copy.
 *
 * @param at when the registry changed it (the event's time), so that copies can tell which state is newer
 */
public record AccountState(
        @NotNull UUID accountId,
        String name,
        String ownerEmail,
        String widgetKeySha256,
        List<String> allowedOrigins,
        @NotNull String status,
        Instant at) {

    public AccountState {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    AccountState at(Instant time) {
        return new AccountState(accountId, name, ownerEmail, widgetKeySha256, allowedOrigins, status, time);
    }
}
