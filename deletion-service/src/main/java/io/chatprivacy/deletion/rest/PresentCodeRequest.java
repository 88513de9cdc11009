package io.chatprivacy.deletion.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The verification code from the owner's email. */
public record PresentCodeRequest(
        @NotBlank @Pattern(regexp = "[0-9]{8,18}", message = "must be the digits of the code from the email")
        String code) {}
