package io.chatprivacy.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error this system answers with
 * ({@code application/problem+json}). {@code violations} names the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:chat-privacy:problem:";

    /** One field at fault and what is wrong with it. */
    public record Violation(String field, String message) {}

    public static Problem of(String slug, String title, int status, String detail, List<Violation> violations) {
        return new Problem(
                URI.create(TYPE_PREFIX + slug),
                title,
                status,
                detail,
                null,
                violations == null ? List.of() : violations);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }
}
