package io.chatprivacy.consent.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The visitor revokes a receipt; the visitor id must be the one the receipt was issued to. */
public record RevokeReceiptRequest(
        @NotNull @Pattern(regexp = Patterns.VISITOR_ID) String visitorId) {}
