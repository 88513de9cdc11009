package io.chatprivacy.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.service.WidgetRateLimits;
import io.chatprivacy.platform.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first thing every widget call meets, on the event loop before any body is read or any thread
 * is taken: the per-address rate limit and the body size limit, both answered with problem+json.
 * It also adds the CORS headers to the answer once {@link WidgetAccess} has found the origin allowed
 * for the key's account (on errors too, so the widget can read them).
 */
@ApplicationScoped
public class WidgetRoutes {

    /** Just before Quarkus' own body size check, so oversize widget bodies get a problem+json answer too. */
    private static final int ORDER = -3;

    private static final String ALLOWED_ORIGIN = WidgetRoutes.class.getName() + ".origin";

    private final WidgetRateLimits limits;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    WidgetRoutes(WidgetRateLimits limits, ObjectMapper mapper, ConsentConfig config) {
        this.limits = limits;
        this.mapper = mapper;
        this.maxBodyBytes = config.widget().maxBodyBytes();
    }

    void install(@Observes Router router) {
        router.route("/widget/*").order(ORDER).handler(this::screen);
    }

    /** Marks the answer to this call as readable by that origin. */
    static void allowOrigin(RoutingContext routing, String origin) {
        if (routing != null) {
            routing.put(ALLOWED_ORIGIN, origin);
        }
    }

    private void screen(RoutingContext routing) {
        long waitNanos = limits.forAddress(clientAddress(routing));
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            routing.response().putHeader("Retry-After", Long.toString(seconds));
            reject(
                    routing,
                    Problem.of(
                            "too-many-requests",
                            "Too many requests",
                            429,
                            "Too many requests from this address; try again later.",
                            List.of()));
            return;
        }
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            reject(
                    routing,
                    Problem.of(
                            "payload-too-large",
                            "Payload too large",
                            413,
                            "The request body exceeds " + maxBodyBytes + " bytes.",
                            List.of()));
            return;
        }
        routing.addHeadersEndHandler(ignored -> {
            String origin = routing.get(ALLOWED_ORIGIN);
            if (origin != null) {
                routing.response().putHeader("Access-Control-Allow-Origin", origin);
                routing.response().putHeader("Access-Control-Expose-Headers", "Retry-After");
            }
            routing.response().putHeader(HttpHeaders.VARY, "Origin");
        });
        routing.next();
    }

    /** The client's address: the peer, or the forwarded client when Quarkus is told to trust a proxy. */
    static String clientAddress(RoutingContext routing) {
        SocketAddress remote = routing.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void reject(RoutingContext routing, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem.withInstance(routing.normalizedPath()));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        routing.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
