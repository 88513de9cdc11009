package io.chatprivacy.request.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.Account;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as callers see it; {@code widgetKey} is present only in the registration answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountResponse(
        UUID accountId,
        String name,
        String ownerEmail,
        List<String> allowedOrigins,
        String status,
        Instant createdAt,
        String widgetKey) {

    static AccountResponse of(Account account, String widgetKey) {
        return new AccountResponse(
                account.id(),
                account.name(),
                account.ownerEmail(),
                account.allowedOrigins(),
                account.status().name(),
                account.createdAt(),
                widgetKey);
    }
}
