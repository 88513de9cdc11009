package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * An agent revokes on a visitor's behalf: one receipt, or everything still granted by a visitor id
 * or an email (at least one of the three), with the reason (e.g. "asked by email on 2 May").
 */
public record RevokeConsentsRequest(
        UUID receiptId,
        @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String email,

        @NotNull @Size(max = 500) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String reason) {}
