package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The visitor's answers to the pre-chat form, posted by the widget. The name, the email and the consent ids keep
 * the platform's text rule; an answer of only spaces means the visitor gave none.
 *
 * @param formVersion the version the visitor was shown
 * @param visitorId the widget's id for this visitor (opaque, not personal data)
 * @param name accepted for the widget's convenience but never stored: proof of consent does not need it
 * @param email optional; stored only as a keyed blind index, so the history can be found by email
 * @param consents ids of the consents the visitor ticked
 * @param optOut the visitor also asks to opt out of sale/sharing (GPC in the header means the same)
 * @param ageBand optional: {@code UNDER_13}, {@code 13_TO_15} or {@code 16_OR_OVER}, when the widget asked; under 16
 *     the visitor is treated as opted out of sale/sharing until an opt-in (ticking consents is never one)
 */
public record RecordConsentRequest(
        @NotNull @Positive Integer formVersion,
        @NotNull @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,

        @Size(max = MaxLength.NAME) @Pattern(regexp = TextRules.NAME_OR_BLANK, message = TextRules.NAME_MESSAGE)
        String name,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME_OR_BLANK, message = TextRules.NAME_MESSAGE)
        String email,

        @NotNull @Size(max = 20)
        List<@NotNull @Size(max = 64) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE) String>
                consents,

        Boolean optOut,

        @Pattern(regexp = AgeBand.PATTERN, message = AGE_BAND_MESSAGE)
        String ageBand) {

    static final String AGE_BAND_MESSAGE = "must be one of UNDER_13, 13_TO_15, 16_OR_OVER";
}
