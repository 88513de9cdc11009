package io.chatprivacy.platform.problem;

import io.chatprivacy.platform.config.PlatformConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Problem+json for what is answered at the HTTP layer, before (or outside) RESTEasy Reactive and its
 * exception mappers: a request URI over {@code backbone.http.max-uri-length}, a body over
 * {@code quarkus.http.limits.max-body-size}, a route no handler serves, and any failure a Vert.x route
 * reports. Nothing of an exception reaches the caller.
 *
 * <p>A URI longer still than {@code quarkus.http.limits.max-initial-line-length} (64 KiB, set in the
 * platform's defaults) never reaches a route: the HTTP codec answers it with a bare 414 and closes the
 * connection, and Quarkus offers no hook for that answer.
 *
 * <p>A body over the limit is refused without being read, but only once the caller's credentials were
 * checked: an anonymous or wrongly authenticated caller gets the 401 it would get with a small body,
 * so the size limit is no way around authentication and tells strangers nothing. Every endpoint that
 * takes a body needs credentials; the operator paths under {@code /q/} take none.
 */
@ApplicationScoped
public class HttpEdge {

    /** Just before Quarkus' own body size check (order -2), which would answer a bare 413. */
    public static final int BODY_LIMIT_ORDER = -3;

    /** Before everything else: a URI too long to be looked at is refused first. */
    private static final int URI_LIMIT_ORDER = Integer.MIN_VALUE;

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);
    private static final String AUTHENTICATED = HttpEdge.class.getName() + ".authenticated";
    private static final String BODY_LIMIT = HttpEdge.class.getName() + ".body-limit";
    private static final List<Integer> UNMATCHED = List.of(400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503);

    private final ProblemResponses responses;
    private final long maxBodyBytes;
    private final int maxUriLength;
    private final Map<Long, BodyHandler> chunkedBodies = new ConcurrentHashMap<>();

    HttpEdge(
            ProblemResponses responses,
            PlatformConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                    MemorySize maxBodySize) {
        this.responses = responses;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxUriLength = config.http().maxUriLength();
    }

    void install(@Observes Router router) {
        router.route().order(URI_LIMIT_ORDER).handler(this::limitUri);
        router.route().order(BODY_LIMIT_ORDER).handler(this::limitBody);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // what the router answers when no route matched at all (Quarkus has no handler of its own for it)
        for (int status : UNMATCHED) {
            router.errorHandler(status, this::failed);
        }
    }

    /**
     * Marks a call whose caller a service authenticated by its own means, before this check runs
     * (e.g. a widget key checked in a route of its own): its body over the limit is a 413, not a 401.
     */
    public static void authenticated(RoutingContext routing) {
        routing.put(AUTHENTICATED, Boolean.TRUE);
    }

    /** Holds this call's body to a smaller limit than the service-wide one (from a route that runs earlier). */
    public static void limitBody(RoutingContext routing, long maxBytes) {
        routing.put(BODY_LIMIT, maxBytes);
    }

    private long limit(RoutingContext routing) {
        Long limit = routing.get(BODY_LIMIT);
        return limit == null ? maxBodyBytes : Math.min(limit, maxBodyBytes);
    }

    private void limitUri(RoutingContext routing) {
        String uri = routing.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            Problem problem = Problem.of(
                    "uri-too-long",
                    "URI too long",
                    414,
                    "The request URI exceeds " + maxUriLength + " characters.",
                    List.of());
            // the path is not echoed back as the problem's instance: it is what was too long
            responses.send(routing, problem, null, !routing.request().isEnded());
            return;
        }
        routing.next();
    }

    private void limitBody(RoutingContext routing) {
        long limit = limit(routing);
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (tooLong(length, limit)) {
                refuseBody(routing);
                return;
            }
            routing.next();
            return;
        }
        String encoding = routing.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            // a body of unknown length: read it here, up to the limit (beyond it the handler fails with 413)
            routing.request().resume();
            chunkedBodies
                    .computeIfAbsent(limit, max -> BodyHandler.create(false).setBodyLimit(max))
                    .handle(routing);
            return;
        }
        routing.next();
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The body is not read: first the credentials, then the size. */
    private void refuseBody(RoutingContext routing) {
        if (isOperatorPath(routing) || Boolean.TRUE.equals(routing.get(AUTHENTICATED))) {
            responses.send(routing, tooLarge(routing), true);
            return;
        }
        Uni<SecurityIdentity> identity = routing.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null) {
            SecurityIdentity known = routing.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
            responses.send(routing, known == null || known.isAnonymous() ? unauthorized() : tooLarge(routing), true);
            return;
        }
        identity.subscribe()
                .with(
                        caller -> responses.send(
                                routing,
                                caller == null || caller.isAnonymous() ? unauthorized() : tooLarge(routing),
                                true),
                        failure -> responses.send(routing, unauthorized(), true));
    }

    private void failed(RoutingContext routing) {
        Throwable failure = routing.failure();
        int status = routing.statusCode();
        if (status == 413) {
            refuseBody(routing);
            return;
        }
        Problem problem;
        if (failure instanceof UnauthorizedException
                || failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException
                || failure instanceof AuthenticationRedirectException) {
            problem = unauthorized();
        } else if (failure instanceof ForbiddenException) {
            problem = Problem.ofStatus(403);
        } else if (failure instanceof HttpException http) {
            problem = Problem.ofStatus(http.getStatusCode());
        } else if (status >= 400 && status < 500) {
            problem = Problem.ofStatus(status);
        } else {
            if (failure != null) {
                LOG.error("HTTP call failed before reaching a resource", failure);
            }
            problem = Problem.ofStatus(status >= 500 ? status : 500);
        }
        // a body left unread (e.g. credentials refused before it was read) must not hold the connection
        responses.send(routing, problem, !routing.request().isEnded());
    }

    private static boolean isOperatorPath(RoutingContext routing) {
        String path = routing.normalizedPath();
        return path != null && (path.equals("/q") || path.startsWith("/q/"));
    }

    private Problem tooLarge(RoutingContext routing) {
        return Problem.of(
                "payload-too-large",
                "Payload too large",
                413,
                "The request body exceeds " + limit(routing) + " bytes.",
                List.of());
    }

    private static Problem unauthorized() {
        return Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required.", List.of());
    }
}
