package io.chatprivacy.platform.events;

import io.chatprivacy.platform.validation.TraverseAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads an inbound event's data onto a record and holds it to the same constraints as the HTTP API:
 * an event that breaks them is poison (dead-letter topic), named by its fields, never its values.
 */
@ApplicationScoped
public class EventData {

    private final Validator validator;

    EventData(ValidatorFactory validators) {
        // event data are plain records, never JPA entities (the JPA-aware resolver showed in
        // deletion-service's CPU profile of archive ingest)
        this.validator = validators
                .usingContext()
                .traversableResolver(TraverseAll.INSTANCE)
                .getValidator();
    }

    public <T> T read(IncomingEvent event, Class<T> type) {
        T data = event.data(type);
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            Set<String> fields = new TreeSet<>();
            for (ConstraintViolation<T> violation : violations) {
                fields.add(violation.getPropertyPath().toString());
            }
            throw new PoisonEventException(
                    "event " + event.id() + " of type " + event.type() + " violates its contract at " + fields);
        }
        return data;
    }

    /** The event's account: its {@code ce_accountid}, which the data's own account id (if any) must match. */
    public UUID account(IncomingEvent event, UUID dataAccountId) {
        return event.requireAccountId(dataAccountId);
    }
}
