package io.chatprivacy.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One published, immutable version of an account's pre-chat form: the proof of what visitors were shown. */
@Entity
@Table(name = "form_version")
public class FormVersion {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(name = "content_sha256", nullable = false, updatable = false)
    private String contentSha256;

    @Convert(converter = FormDefinitionConverter.class)
    @Column(nullable = false, updatable = false)
    private FormDefinition definition;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    @Column(name = "published_by", nullable = false, updatable = false)
    private String publishedBy;

    protected FormVersion() {}

    public static FormVersion publish(
            UUID accountId, int version, FormDefinition definition, String publishedBy, Instant at) {
        FormVersion form = new FormVersion();
        form.id = UUID.randomUUID();
        form.accountId = accountId;
        form.version = version;
        form.definition = definition;
        form.contentSha256 = definition.contentSha256();
        form.publishedBy = publishedBy;
        form.publishedAt = at;
        return form;
    }

    /** An immutable snapshot, safe to cache and share between threads. */
    public PublishedForm toPublished() {
        return new PublishedForm(accountId, version, definition, contentSha256, publishedAt);
    }

    public UUID accountId() {
        return accountId;
    }

    public int version() {
        return version;
    }

    public String contentSha256() {
        return contentSha256;
    }
}
