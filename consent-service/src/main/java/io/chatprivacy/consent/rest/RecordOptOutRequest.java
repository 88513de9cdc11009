package io.chatprivacy.consent.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** An explicit opt-out from the widget; the body is optional and so is the email in it. */
public record RecordOptOutRequest(@Email @Size(max = 320) String email) {}
