package io.chatprivacy.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders a {@link Problem} as an {@code application/problem+json} answer: a JAX-RS response for the
 * exception mappers and filters, or straight onto the Vert.x response for what is answered before
 * RESTEasy Reactive runs.
 */
@ApplicationScoped
public class ProblemResponses {

    /** The most of an unread body read and dropped before the connection is closed under its caller. */
    static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;
    /** The longest wait for an unread body's end before the connection is closed under its caller. */
    static final long MAX_DRAIN_MILLIS = 2_000;

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
            response.endHandler(ignored -> closeAfterDraining(routing));
        }
        response.end(body(problem, instance));
    }

    /**
     * Closes the connection once the caller has stopped sending. Closing a socket with unread bytes in it makes
     * the kernel reset the connection, and a reset can reach a caller still writing its body (as the JDK's
     * client and many others do before they read) ahead of the answer, which it then never sees. So what the
     * caller still sends is read and dropped until its request ends, at most {@link #MAX_DRAIN_BYTES} or for
     * {@link #MAX_DRAIN_MILLIS}, whichever comes first; then the connection is closed.
     */
    private static void closeAfterDraining(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        AtomicBoolean closed = new AtomicBoolean();
        long[] timer = {-1};
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                routing.vertx().cancelTimer(timer[0]);
                connection.close();
            }
        };
        timer[0] = routing.vertx().setTimer(MAX_DRAIN_MILLIS, id -> close.run());
        AtomicLong drained = new AtomicLong();
        try {
            request.handler(chunk -> {
                if (drained.addAndGet(chunk.length()) > MAX_DRAIN_BYTES) {
                    close.run();
                }
            });
            request.endHandler(ignored -> close.run());
            request.exceptionHandler(ignored -> close.run());
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            close.run();
        }
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
