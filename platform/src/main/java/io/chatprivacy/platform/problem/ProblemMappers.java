package io.chatprivacy.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of an HTTP call into an RFC 9457 problem detail: the status, a stable type,
 * a human-readable detail and the fields at fault. Never a stack trace or an exception class name.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** What a caller is told to wait before it tries again while the database is out of reach. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ProblemResponses responses;

    ProblemMappers(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return responses.toResponse(e.problem(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toList());
        return responses.toResponse(
                Problem.of("invalid-request", "Invalid request", 400, "The request has invalid fields.", violations),
                uri.getPath());
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e, UriInfo uri) {
        return responses.toResponse(JsonProblems.of(e), uri.getPath());
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return responses.toResponse(JsonProblems.of(e), uri.getPath());
    }

    /** More specific than Quarkus' own mapper of this type, which answers a bare 400 in production. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return responses.toResponse(JsonProblems.of(e), uri.getPath());
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return responses.toResponse(JsonProblems.of(e), uri.getPath());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return responses.toResponse(JsonProblems.of(e), uri.getPath());
    }

    @ServerExceptionMapper({
        UnauthorizedException.class,
        AuthenticationFailedException.class,
        AuthenticationCompletionException.class,
        AuthenticationRedirectException.class
    })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return responses.toResponse(
                Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required.", List.of()),
                uri.getPath());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return responses.toResponse(
                Problem.of("forbidden", "Forbidden", 403, "The caller may not perform this operation.", List.of()),
                uri.getPath());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // the JSON reader may report an unreadable body as a 400 wrapping Jackson's own exception
        for (Throwable cause = e.getCause();
                cause != null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return responses.toResponse(JsonProblems.of(json), uri.getPath());
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("HTTP call failed", e);
        }
        Response answer = responses.toResponse(Problem.ofStatus(status), uri.getPath());
        String allow = e.getResponse() == null ? null : e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            return Response.fromResponse(answer)
                    .header(HttpHeaders.ALLOW, allow)
                    .build();
        }
        return answer;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        java.sql.SQLException outage = DatabaseOutage.cause(e);
        if (outage != null) {
            // an outage, not a bug: one line without the trace (it repeats on every call while it lasts)
            LOG.warnf(
                    "Database unreachable serving an HTTP call (SQLSTATE %s, %s); answered 503",
                    outage.getSQLState(), outage.getClass().getSimpleName());
            return Response.fromResponse(responses.toResponse(
                            Problem.of(
                                    "unavailable",
                                    "Service unavailable",
                                    503,
                                    "The service cannot reach its database just now; nothing was changed. Please"
                                            + " try again shortly.",
                                    List.of()),
                            uri.getPath()))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("Unexpected failure serving an HTTP call", e);
        return responses.toResponse(
                Problem.of(
                        "internal-error",
                        "Internal server error",
                        500,
                        "The server could not complete the request.",
                        List.of()),
                uri.getPath());
    }

    /** {@code create.request.email} → {@code email}: the method and parameter are not the caller's business. */
    private static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String method = null;
        Path.ParameterNode parameter = null;
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            index++;
            if (index <= 2 && node.getKind() == jakarta.validation.ElementKind.METHOD) {
                method = node.getName();
                continue;
            }
            if (index <= 2 && node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                parameter = node.as(Path.ParameterNode.class);
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (field.isEmpty() && parameter != null) {
            String name = parameterName(violation.getRootBeanClass(), method, parameter.getParameterIndex());
            if (name != null) {
                return name;
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /**
     * The name the caller knows a violated resource method parameter by: its query, path or header
     * parameter name; null for the body (or when the method cannot be found).
     */
    private static String parameterName(Class<?> resource, String method, int index) {
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Method candidate : type.getDeclaredMethods()) {
                if (!candidate.getName().equals(method) || candidate.getParameterCount() <= index) {
                    continue;
                }
                for (java.lang.annotation.Annotation annotation : candidate.getParameterAnnotations()[index]) {
                    if (annotation instanceof jakarta.ws.rs.QueryParam query) {
                        return query.value();
                    }
                    if (annotation instanceof jakarta.ws.rs.PathParam path) {
                        return path.value();
                    }
                    if (annotation instanceof jakarta.ws.rs.HeaderParam header) {
                        return header.value();
                    }
                }
            }
        }
        return null;
    }
}
