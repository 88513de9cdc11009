package io.chatprivacy.platform.testapp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chatprivacy.platform.events.DomainEvent;
import java.util.UUID;

/** A test event as its producer publishes it: its payload is {@link TestPayload}'s, its routing is not. */
public record TestEvent(
        @JsonIgnore String topic, @JsonIgnore UUID accountId, String marker, int sequence) implements DomainEvent {

    @Override
    public String type() {
        return "test.happened.v1";
    }

    @Override
    public String subject() {
        return null;
    }
}
