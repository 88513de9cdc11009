package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.TextRules;
import io.chatprivacy.request.domain.AppealDecision;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The owner's decision on an appeal, with the explanation the consumer is given (free text). */
public record DecideAppealRequest(
        @NotNull AppealDecision decision,

        @NotBlank @Size(max = 4000) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
        String explanation) {}
