package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.TextRules;
import io.chatprivacy.request.domain.DeclineReason;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Declines a rights request for a reason the law allows, with a note that explains it (free text). */
public record DeclineRightsRequestRequest(
        @NotNull DeclineReason reason,

        @NotBlank @Size(max = 1000) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
        String note) {}
