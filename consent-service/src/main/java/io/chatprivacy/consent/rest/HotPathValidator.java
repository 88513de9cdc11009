package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.validation.TraverseAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;

/**
 * Bean Validation for the widget's hot endpoint, with the same constraints and the same 400 answer
 * as {@code @Valid}, but without the JPA-aware traversable resolver Quarkus installs next to
 * Hibernate ORM: it asks the persistence provider whether each property of the request "is loaded",
 * which costs more than the whole validation on a path that runs thousands of times a second. A
 * request record is never a JPA entity, so every property is traversable.
 */
@ApplicationScoped
public class HotPathValidator {

    private final Validator validator;

    HotPathValidator(ValidatorFactory factory) {
        this.validator =
                factory.usingContext().traversableResolver(TraverseAll.INSTANCE).getValidator();
    }

    /** The body itself, when it is valid; otherwise the 400 that {@code @Valid @NotNull} would give. */
    public <T> T valid(T body) {
        if (body == null) {
            throw ProblemException.badRequest("A request body is required.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
