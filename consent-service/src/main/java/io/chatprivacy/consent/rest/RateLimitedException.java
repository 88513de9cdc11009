package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import java.util.List;

/** A 429 problem that also tells the caller, in {@code Retry-After}, when to come back. */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(Problem.of("too-many-requests", "Too many requests", 429, detail, List.of()));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
