package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.service.AccountDirectory;
import io.chatprivacy.consent.service.WidgetRateLimits;
import io.chatprivacy.platform.problem.HttpEdge;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.problem.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first thing every widget call meets, on the event loop before any body is read or any thread
 * is taken: the per-address rate limit, then the widget key ({@link WidgetAccess}: key, origin,
 * account rate limit), then — left to the platform's {@link HttpEdge} — the widget's smaller body
 * size limit. So a call without a valid key is a 401 whatever its body, media type or path. The
 * account found is kept for the resource ({@link #account}). It also adds the CORS headers to the
 * answer once the origin was found allowed for the key's account (on errors too, so the widget can
 * read them).
 */
@ApplicationScoped
public class WidgetRoutes {

    /** Before the platform's body size check ({@link HttpEdge#BODY_LIMIT_ORDER}) and Quarkus' own. */
    static final int ORDER = HttpEdge.BODY_LIMIT_ORDER - 1;

    private static final String ALLOWED_ORIGIN = WidgetRoutes.class.getName() + ".origin";
    private static final String ACCOUNT = WidgetRoutes.class.getName() + ".account";

    private final WidgetRateLimits limits;
    private final WidgetAccess access;
    private final ProblemResponses responses;
    private final long maxBodyBytes;

    WidgetRoutes(WidgetRateLimits limits, WidgetAccess access, ProblemResponses responses, ConsentConfig config) {
        this.limits = limits;
        this.access = access;
        this.responses = responses;
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

    /** The account whose widget key this call presented (checked before the call reached the resource). */
    static AccountDirectory.WidgetAccount account(RoutingContext routing) {
        AccountDirectory.WidgetAccount account = routing == null ? null : routing.get(ACCOUNT);
        if (account == null) {
            throw WidgetAccess.invalidKey();
        }
        return account;
    }

    private void screen(RoutingContext routing) {
        long waitNanos = limits.forAddress(clientAddress(routing));
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            routing.response().putHeader("Retry-After", Long.toString(seconds));
            responses.send(
                    routing,
                    Problem.of(
                            "too-many-requests",
                            "Too many requests",
                            429,
                            "Too many requests from this address; try again later.",
                            List.of()),
                    true);
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
        if (routing.request().method() == HttpMethod.OPTIONS) {
            routing.next(); // a CORS preflight carries no key
            return;
        }
        String key = routing.request().getHeader(WidgetAccess.KEY_HEADER);
        String origin = routing.request().getHeader(HttpHeaders.ORIGIN);
        AccountDirectory.WidgetAccount known;
        try {
            known = access.authenticateFromMemory(key, origin, routing);
        } catch (ProblemException e) {
            refuse(routing, e);
            return;
        }
        if (known != null) {
            admit(routing, known);
            return;
        }
        // the key's account is not in memory: look it up off the event loop, then go on where we were
        routing.vertx()
                .executeBlocking(() -> access.authenticate(key, origin, routing), false)
                .onComplete(looked -> {
                    if (looked.succeeded()) {
                        admit(routing, looked.result());
                    } else if (looked.cause() instanceof ProblemException problem) {
                        refuse(routing, problem);
                    } else {
                        routing.fail(looked.cause());
                    }
                });
    }

    private void admit(RoutingContext routing, AccountDirectory.WidgetAccount account) {
        routing.put(ACCOUNT, account);
        HttpEdge.authenticated(routing);
        HttpEdge.limitBody(routing, maxBodyBytes);
        routing.next();
    }

    private void refuse(RoutingContext routing, ProblemException e) {
        if (e instanceof RateLimitedException limited) {
            routing.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        // the body is left unread, so the connection is closed after the answer
        responses.send(routing, e.problem(), true);
    }

    /** The client's address: the peer, or the forwarded client when Quarkus is told to trust a proxy. */
    static String clientAddress(RoutingContext routing) {
        SocketAddress remote = routing.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}
