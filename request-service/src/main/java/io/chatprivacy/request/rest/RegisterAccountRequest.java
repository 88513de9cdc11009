package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Registers an account (a chat licence); the owner's address is where verification codes go. */
public record RegisterAccountRequest(
        @NotNull @Size(max = MaxLength.NAME) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String name,

        @NotNull @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String ownerEmail,

        @NotNull @Size(max = 20)
        List<
                        @NotBlank
                        @Pattern(
                                regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                                message = "must be an origin such as https://shop.example")
                        String>
                allowedOrigins) {}
