package io.chatprivacy.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
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
        // Event data are plain records, never JPA entities: every property is reachable. The default
        // resolver asks JPA, for each property of each element, whether it is loaded: work that showed in
        // deletion-service's CPU profile of archive ingest, for nothing.
        this.validator =
                validators.usingContext().traversableResolver(new TraverseAll()).getValidator();
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

    /** Lets validation reach and cascade into every property. */
    static final class TraverseAll implements TraversableResolver {

        @Override
        public boolean isReachable(
                Object bean, Path.Node property, Class<?> rootType, Path pathToBean, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(
                Object bean, Path.Node property, Class<?> rootType, Path pathToBean, ElementType elementType) {
            return true;
        }
    }
}
