package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An explicit opt-out from the widget; the body is optional and so is the email in it. */
public record RecordOptOutRequest(
        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME_OR_BLANK, message = TextRules.NAME_MESSAGE)
        String email) {}
