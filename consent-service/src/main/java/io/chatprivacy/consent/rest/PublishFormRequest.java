package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.FieldKind;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The pre-chat form as the owner wants it shown: ordinary fields and consents, in order. Publishing
 * it makes a new immutable version unless it equals the current one.
 */
public record PublishFormRequest(
        @NotNull @Size(max = 20) List<@Valid @NotNull Field> fields,
        @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull Consent> consents) {

    /** An ordinary field (name, email, question, ...). */
    public record Field(
            @NotNull @Pattern(regexp = Patterns.ELEMENT_ID, message = "must be lower-case letters, digits, - or _")
            String id,

            @NotNull FieldKind kind,
            /** What the visitor sees beside the field: a name, one line. */
            @NotNull @Size(max = 500) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
            String label,

            boolean required) {}

    /**
     * A consent check-box; its label is plain text, links written as {@code [text](https://...)}.
     * The exact label is what its SHA-256 proves.
     */
    public record Consent(
            @NotNull @Pattern(regexp = Patterns.ELEMENT_ID, message = "must be lower-case letters, digits, - or _")
            String id,

            /** Free text (the owner's wording, line breaks kept); its exact characters are what the hash proves. */
            @NotBlank @Size(max = 4000) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
            String label,

            boolean required) {}
}
