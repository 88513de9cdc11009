package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Takes the one extension of a request's response period. The {@code reason} is told to the consumer;
 * a missing or blank one is refused with 422 ({@code extension-reason-required}). It is free text, as the agent
 * typed it.
 */
public record ExtendRightsRequestRequest(
        @Size(max = 1000) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
        String reason) {}
