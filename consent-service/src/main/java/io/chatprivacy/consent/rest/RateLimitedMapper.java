package io.chatprivacy.consent.rest;

import io.chatprivacy.platform.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders a {@link RateLimitedException} like every problem, plus its {@code Retry-After} header. */
public class RateLimitedMapper {

    private final ProblemResponses responses;

    RateLimitedMapper(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(responses.toResponse(e.problem(), uri.getPath()))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }
}
