package io.chatprivacy.consent.domain;

import java.time.Instant;
import java.util.UUID;

/** A published form version as an immutable value (versions never change once published). */
public record PublishedForm(
        UUID accountId, int version, FormDefinition definition, String contentSha256, Instant publishedAt) {}
