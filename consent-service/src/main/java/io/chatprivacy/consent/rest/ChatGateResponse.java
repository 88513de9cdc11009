package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.ChatGate;
import java.util.List;
import java.util.UUID;

/**
 * Whether the visitor may start a chat now.
 *
 * @param reason why not ({@code NO_FORM}, {@code CONSENT_REVOKED}, {@code CONSENT_OUTDATED},
 *     {@code CONSENT_MISSING}); null when allowed
 * @param formVersion the current form version the answer was given against
 * @param missingConsents the required consents the visitor must (again) agree to
 */
public record ChatGateResponse(
        UUID accountId,
        String visitorId,
        boolean allowed,
        String reason,
        Integer formVersion,
        List<String> missingConsents) {

    static ChatGateResponse of(UUID accountId, String visitorId, ChatGate.Decision decision) {
        return new ChatGateResponse(
                accountId,
                visitorId,
                decision.allowed(),
                decision.reason() == null ? null : decision.reason().name(),
                decision.formVersion(),
                decision.missing());
    }
}
