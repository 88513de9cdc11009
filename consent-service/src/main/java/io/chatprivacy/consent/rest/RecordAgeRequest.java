package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The visitor's age band, as the widget learnt it (an age question, an age gate).
 *
 * @param ageBand {@code UNDER_13}, {@code 13_TO_15} or {@code 16_OR_OVER}
 * @param email optional, as for the opt-out: stored only as its blind index, so the age follows the email
 */
public record RecordAgeRequest(
        @NotNull @Pattern(regexp = AgeBand.PATTERN, message = RecordConsentRequest.AGE_BAND_MESSAGE)
        String ageBand,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME_OR_BLANK, message = TextRules.NAME_MESSAGE)
        String email) {}
