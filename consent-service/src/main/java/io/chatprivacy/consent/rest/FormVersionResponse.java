package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.FieldKind;
import io.chatprivacy.consent.domain.PublishedForm;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A published form version, as the widget renders it and as agents read it back (old versions too). */
public record FormVersionResponse(
        UUID accountId,
        int version,
        List<Field> fields,
        List<Consent> consents,
        String contentSha256,
        Instant publishedAt) {

    /** An ordinary field. */
    public record Field(String id, FieldKind kind, String label, boolean required) {}

    /** A consent and the SHA-256 of its exact text. */
    public record Consent(String id, String label, boolean required, String textSha256) {}

    static FormVersionResponse of(PublishedForm form) {
        return new FormVersionResponse(
                form.accountId(),
                form.version(),
                form.definition().fields().stream()
                        .map(f -> new Field(f.id(), f.kind(), f.label(), f.required()))
                        .toList(),
                form.definition().consents().stream()
                        .map(c -> new Consent(c.id(), c.label(), c.required(), c.textSha256()))
                        .toList(),
                form.contentSha256(),
                form.publishedAt());
    }
}
