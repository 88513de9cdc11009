package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.AgeBand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What an agent or owner learnt of a visitor's age (e.g. the visitor said so in a chat): actual knowledge the
 * business must act on.
 *
 * @param ageBand {@code UNDER_13}, {@code 13_TO_15} or {@code 16_OR_OVER}
 */
public record AgentAgeRequest(
        @NotNull @Pattern(regexp = AgeBand.PATTERN, message = RecordConsentRequest.AGE_BAND_MESSAGE)
        String ageBand) {}
