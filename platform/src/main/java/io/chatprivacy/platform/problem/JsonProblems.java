package io.chatprivacy.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body Jackson could not read, in the caller's terms: the JSON path
 * of the field at fault and the JSON type it must have. Jackson's own messages (which name Java
 * classes and echo input) never reach the caller.
 */
final class JsonProblems {

    /** The field name of a violation about the body as a whole. */
    static final String BODY = "body";

    private static final String TITLE = "Invalid request";
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(
            int.class,
            long.class,
            short.class,
            byte.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            BigInteger.class);

    private JsonProblems() {}

    static Problem of(JsonProcessingException e) {
        StreamConstraintsException limit = find(e, StreamConstraintsException.class);
        if (limit != null) {
            return tooComplex(limit);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problem.of(
                    "unknown-field",
                    TITLE,
                    400,
                    "The request has a field this endpoint does not accept.",
                    List.of(new Problem.Violation(path(unknown), "unknown field")));
        }
        if (e instanceof InvalidFormatException invalid) {
            return Problem.of(
                    "invalid-request",
                    TITLE,
                    400,
                    "A field has a value of the wrong type or format.",
                    List.of(new Problem.Violation(path(invalid), "must be " + jsonType(invalid.getTargetType()))));
        }
        if (e instanceof MismatchedInputException mismatched) {
            String field = path(mismatched);
            String expected = jsonType(mismatched.getTargetType());
            String detail = field.equals(BODY)
                    ? "The request body must be " + expected + "."
                    : "A field has a value of the wrong type.";
            return Problem.of(
                    "invalid-request",
                    TITLE,
                    400,
                    detail,
                    List.of(new Problem.Violation(field, "must be " + expected)));
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            return Problem.of(
                    "invalid-request",
                    TITLE,
                    400,
                    "The request body does not have the expected shape.",
                    field.equals(BODY) ? List.of() : List.of(new Problem.Violation(field, "invalid value")));
        }
        return Problem.of("malformed-json", "Malformed JSON", 400, "The request body is not valid JSON.", List.of());
    }

    /** Jackson's guards against hostile documents: too deep, too long a number, name or string. */
    private static Problem tooComplex(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String detail;
        if (message.startsWith("Document nesting depth")) {
            detail = "The request body is nested too deeply.";
        } else if (message.startsWith("Number value length")) {
            detail = "A number in the request body has too many digits.";
        } else if (message.startsWith("Name length")) {
            detail = "A field name in the request body is too long.";
        } else if (message.startsWith("String value length")) {
            detail = "A string in the request body is too long.";
        } else {
            detail = "The request body is too large or too complex.";
        }
        return Problem.of("too-complex", TITLE, 400, detail, List.of());
    }

    /** {@code consents[2].id}, or {@value #BODY} for the body itself. */
    static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? BODY : path;
    }

    /** What a value of this Java type looks like in JSON, without naming the Java type. */
    static String jsonType(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)
                || type == double.class
                || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO 8601 date-time string with a zone, such as 2025-01-31T12:00:00Z";
        }
        if (type == LocalDate.class) {
            return "an ISO 8601 date string, such as 2025-01-31";
        }
        if (type == LocalDateTime.class || type == LocalTime.class) {
            return "an ISO 8601 string";
        }
        if (type == Duration.class) {
            return "an ISO 8601 duration string, such as PT1H";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Object.class || JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        return "an object";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
