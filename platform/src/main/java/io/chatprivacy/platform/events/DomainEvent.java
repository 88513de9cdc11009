package io.chatprivacy.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.UUID;

/**
 * An event a service owns and publishes through the outbox: the record is the JSON payload, and it names its
 * own routing (topic, Kafka key) and CloudEvents attributes, so every service publishes the one way,
 * {@code outbox.publish(event)}. A service's sealed parent interface per aggregate usually fixes
 * {@link #topic()} and {@link #subject()} for all its records.
 *
 * <p>The routing methods are never part of the payload.
 */
public interface DomainEvent {

    /** The owning aggregate's topic. */
    @JsonIgnore
    String topic();

    /** The stable wire type, {@code <aggregate>.<event>.v<major>} (CloudEvents {@code type}). */
    @JsonIgnore
    String type();

    /** The account the event belongs to (CloudEvents extension {@code accountid}); never null. */
    UUID accountId();

    /**
     * The Kafka key, which orders the events: the account, unless one data subject's events must stay in order
     * (then the subject's id). Never personal data.
     */
    @JsonIgnore
    default String key() {
        return accountId().toString();
    }

    /** The id of what the event is about (CloudEvents {@code subject}), or null; never personal data. */
    @JsonIgnore
    String subject();

    /** The data's schema version within the type's major version (CloudEvents extension {@code schemaversion}). */
    @JsonIgnore
    default String schemaVersion() {
        return "1.0";
    }
}
