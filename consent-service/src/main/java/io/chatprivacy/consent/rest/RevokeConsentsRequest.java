package io.chatprivacy.consent.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
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
        @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 500) String reason) {}
