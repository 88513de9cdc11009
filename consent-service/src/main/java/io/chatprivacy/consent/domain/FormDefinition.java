package io.chatprivacy.consent.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The content of a pre-chat form: ordinary fields and consents, in the order the widget shows them.
 * Each consent carries the SHA-256 of its exact label text, which is what a grant records as proof.
 *
 * @param fields ordinary fields (name, email, question, ...)
 * @param consents consent check-boxes; {@code required} ones must be ticked before a chat may start
 */
public record FormDefinition(List<Field> fields, List<Consent> consents) {

    /** An ordinary field of the form. */
    public record Field(String id, FieldKind kind, String label, boolean required) {}

    /**
     * A consent check-box.
     *
     * @param label the exact text shown; may contain Markdown-style links {@code [text](https://...)}
     * @param textSha256 SHA-256 of {@code label}'s UTF-8 bytes, exactly as shown
     */
    public record Consent(String id, String label, boolean required, String textSha256) {}

    /** A consent as the owner writes it, before its text is hashed. */
    public record ConsentText(String id, String label, boolean required) {}

    public FormDefinition {
        fields = List.copyOf(fields);
        consents = List.copyOf(consents);
    }

    /** Builds a definition, hashing each consent's exact text. */
    public static FormDefinition of(List<Field> fields, List<ConsentText> consents) {
        return new FormDefinition(
                fields,
                consents.stream()
                        .map(c -> new Consent(c.id(), c.label(), c.required(), Hashes.sha256(c.label())))
                        .toList());
    }

    public Optional<Consent> consent(String id) {
        return consents.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Consent> requiredConsents() {
        return consents.stream().filter(Consent::required).toList();
    }

    /**
     * SHA-256 of a canonical encoding of everything the visitor sees and the owner decides (order,
     * ids, kinds, texts, required flags): equal content, equal hash, so re-publishing an unchanged
     * form makes no new version. Every value is length-prefixed, so no two contents encode alike.
     */
    public String contentSha256() {
        StringBuilder canonical = new StringBuilder("form.v1\n");
        for (Field field : fields) {
            canonical.append('F');
            append(canonical, field.id());
            append(canonical, field.kind().name());
            append(canonical, field.label());
            append(canonical, Boolean.toString(field.required()));
            canonical.append('\n');
        }
        for (Consent consent : consents) {
            canonical.append('C');
            append(canonical, consent.id());
            append(canonical, consent.label());
            append(canonical, Boolean.toString(consent.required()));
            canonical.append('\n');
        }
        return Hashes.sha256(canonical.toString());
    }

    private static void append(StringBuilder canonical, String value) {
        canonical
                .append(value.getBytes(StandardCharsets.UTF_8).length)
                .append(':')
                .append(value);
    }
}
