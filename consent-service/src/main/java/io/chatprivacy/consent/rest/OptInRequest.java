package io.chatprivacy.consent.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A visitor's affirmative opt-in, sent only when they chose it explicitly in the widget.
 *
 * @param scope {@code SALE_SHARING}, the only thing one opts in to
 */
public record OptInRequest(
        @NotNull @Pattern(regexp = OptInRequest.SCOPE, message = "must be SALE_SHARING")
        String scope) {

    static final String SCOPE = "SALE_SHARING";
}
