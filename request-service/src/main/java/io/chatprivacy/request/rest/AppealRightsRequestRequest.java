package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The consumer's appeal of a decline: what they say (free text, as they wrote it). */
public record AppealRightsRequestRequest(
        @NotBlank @Size(max = 4000) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
        String statement) {}
