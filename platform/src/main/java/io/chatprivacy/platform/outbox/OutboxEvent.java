package io.chatprivacy.platform.outbox;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to publish once the current transaction commits.
 *
 * @param topic the owning aggregate's topic
 * @param key the Kafka key: the account or data-subject id that orders the events; never personal data
 * @param type the stable wire type, {@code <aggregate>.<event>.v<major>}
 * @param accountId the account the event belongs to (CloudEvents extension {@code accountid})
 * @param subject an optional id of what the event is about (CloudEvents {@code subject}); never personal data
 * @param schemaVersion the data's schema version within the type's major version, e.g. {@code 1.0}
 * @param data the payload, serialised as JSON
 */
public record OutboxEvent(
        String topic, String key, String type, UUID accountId, String subject, String schemaVersion, Object data) {

    public OutboxEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(data, "data");
    }

    /** An event of schema version 1.0 about the given subject, keyed by the account. */
    public static OutboxEvent of(String topic, String type, UUID accountId, String subject, Object data) {
        return new OutboxEvent(topic, accountId.toString(), type, accountId, subject, "1.0", data);
    }

    /** The same event under another key (e.g. a data subject, so that one subject's events stay in order). */
    public OutboxEvent withKey(String newKey) {
        return new OutboxEvent(topic, newKey, type, accountId, subject, schemaVersion, data);
    }
}
