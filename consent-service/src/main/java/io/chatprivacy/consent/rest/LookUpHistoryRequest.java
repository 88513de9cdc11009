package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Whose history to list: a visitor id, an email, or both. In a body, so an email never sits in a URL or log. */
public record LookUpHistoryRequest(
        @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String email) {}
