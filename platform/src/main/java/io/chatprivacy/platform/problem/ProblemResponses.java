package io.chatprivacy.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Renders a {@link Problem} as an {@code application/problem+json} answer: a JAX-RS response for the
 * exception mappers and filters, or straight onto the Vert.x response for what is answered before
 * RESTEasy Reactive runs.
 */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response toResponse(Problem problem, String path) {
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body(problem, path));
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    /**
     * Ends the Vert.x response with the problem (nothing happens if it was already sent). With
     * {@code closeConnection} the connection is closed after the answer: for a body that is left unread.
     */
    public void send(RoutingContext routing, Problem problem, boolean closeConnection) {
        send(routing, problem, routing.normalizedPath(), closeConnection);
    }

    /** As {@link #send(RoutingContext, Problem, boolean)}, naming {@code instance} (or none) as the problem's instance. */
    public void send(RoutingContext routing, Problem problem, String instance, boolean closeConnection) {
        var response = routing.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // too late for a problem document: the status line is out; do not leave the caller waiting
            routing.request().connection().close();
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (closeConnection) {
            response.putHeader("Connection", "close");
            response.endHandler(ignored -> routing.request().connection().close());
        }
        response.end(body(problem, instance));
    }

    private String body(Problem problem, String path) {
        Problem withInstance = path == null ? problem : problem.withInstance(path);
        try {
            return mapper.writeValueAsString(withInstance);
        } catch (JsonProcessingException e) {
            return "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
    }
}
