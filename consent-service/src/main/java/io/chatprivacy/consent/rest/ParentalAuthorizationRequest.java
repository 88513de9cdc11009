package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A parent's or guardian's affirmative authorization of the sale/sharing of a child's (under 13) personal
 * information, which the business verified before an owner records it.
 *
 * @param scope {@code SALE_SHARING}
 * @param verificationMethod the name of the reasonable method by which the business verified that the person
 *     authorizing is the child's parent or guardian (11 CCR §7070), e.g. {@code signed consent form returned by
 *     mail}; a name, not the evidence itself (which stays in the business's own records)
 */
public record ParentalAuthorizationRequest(
        @NotNull @Pattern(regexp = OptInRequest.SCOPE, message = "must be SALE_SHARING")
        String scope,

        @NotNull @Size(max = MaxLength.NAME) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String verificationMethod) {}
