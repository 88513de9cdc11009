package io.chatprivacy.platform.problem;

import java.util.List;

/**
 * A failure to be answered with a specific problem detail. Domain code throws it (or a subclass)
 * and {@link ProblemMappers} renders it; nothing about the exception itself reaches the caller.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail, Problem.Violation... violations) {
        return new ProblemException(Problem.of("bad-request", "Bad request", 400, detail, List.of(violations)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, detail, List.of()));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Conflict", 409, detail, List.of()));
    }

    public static ProblemException unprocessable(String slug, String detail, Problem.Violation... violations) {
        return new ProblemException(Problem.of(slug, "Unprocessable content", 422, detail, List.of(violations)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail, List.of()));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of("unauthorized", "Unauthorized", 401, detail, List.of()));
    }

    public static ProblemException tooManyRequests(String detail) {
        return new ProblemException(Problem.of("too-many-requests", "Too many requests", 429, detail, List.of()));
    }
}
