package io.chatprivacy.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 9457 problem detail, the body of every error this system answers with
 * ({@code application/problem+json}). {@code violations} names the fields at fault; {@code extensions} are
 * further members a problem type defines (RFC 9457 §3.2), written beside the standard ones: the attempts a
 * wrong code leaves, or the members a protocol's clients read (see {@link #with}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations,
        @JsonAnyGetter Map<String, Object> extensions) {

    /** Names an extension may not take: the standard members, and this house's {@code violations}. */
    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "violations");

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:chat-privacy:problem:";

    /** One field at fault and what is wrong with it. */
    public record Violation(String field, String message) {}

    public static Problem of(String slug, String title, int status, String detail, List<Violation> violations) {
        return new Problem(URI.create(TYPE_PREFIX + slug), title, status, detail, null, violations, Map.of());
    }

    /**
     * The problem for a bare HTTP status that has no more specific cause (an unknown path, a method or
     * media type the resource does not serve, a failure of the server).
     */
    public static Problem ofStatus(int status) {
        String title = title(status);
        String detail = switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Valid credentials are required.";
            case 403 -> "The caller may not perform this operation.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "No acceptable representation is available; accept application/json.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "This media type is not supported; send application/json.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500 ? "The server could not complete the request." : title + ".";
        };
        String slug = status >= 500 && status != 503 ? "internal-error" : slug(title);
        return of(slug, status >= 500 && status != 503 ? "Internal server error" : title, status, detail, List.of());
    }

    private static String title(int status) {
        return switch (status) {
            case 413 -> "Payload too large";
            case 422 -> "Unprocessable content";
            default -> {
                jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
                yield known == null ? (status >= 500 ? "Server error" : "Client error") : known.getReasonPhrase();
            }
        };
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations, extensions);
    }

    /**
     * This problem with one more extension member, written after the standard members in the order added.
     *
     * @throws IllegalArgumentException for a standard member's name, or a null name or value
     */
    public Problem with(String member, Object value) {
        if (member == null || value == null || RESERVED.contains(member)) {
            throw new IllegalArgumentException("not an extension member: " + member);
        }
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, violations, more);
    }
}
