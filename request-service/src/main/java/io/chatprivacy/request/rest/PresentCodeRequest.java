package io.chatprivacy.request.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The code mailed to the consumer, presented to prove their address. */
public record PresentCodeRequest(
        @NotNull @Pattern(regexp = "[0-9]{8}", message = "must be the 8 digits of the code we mailed you")
        String code) {}
