package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.AccountDirectory;
import io.chatprivacy.consent.service.WidgetRateLimits;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Authenticates a widget call: the {@code X-Widget-Key} header names the account (by its hash); an
 * unknown, disabled or missing key gets one and the same 401, so a caller learns nothing about which
 * keys exist. A browser call must come from one of the account's allowed origins. Then the account's
 * rate limit applies. Calls without an {@code Origin} (not from a browser) pass the origin check:
 * CORS protects browsers, the key and the limits protect the service.
 */
@ApplicationScoped
public class WidgetAccess {

    public static final String KEY_HEADER = "X-Widget-Key";

    private static final int MAX_KEY_LENGTH = 256;

    private final AccountDirectory directory;
    private final WidgetRateLimits limits;

    WidgetAccess(AccountDirectory directory, WidgetRateLimits limits) {
        this.directory = directory;
        this.limits = limits;
    }

    /** The account the call acts for, or a 401/403/429 problem. May read the database: call it on a worker. */
    public AccountDirectory.WidgetAccount authenticate(String widgetKey, String origin, RoutingContext routing) {
        checkShape(widgetKey);
        return admit(directory.byWidgetKey(widgetKey), origin, routing);
    }

    /**
     * As {@link #authenticate}, but only from memory, so it may run on the event loop; null when the
     * key's account is not in memory (then nothing was checked or counted yet).
     */
    public AccountDirectory.WidgetAccount authenticateFromMemory(
            String widgetKey, String origin, RoutingContext routing) {
        checkShape(widgetKey);
        Optional<AccountDirectory.WidgetAccount> cached = directory.cachedByWidgetKey(widgetKey);
        return cached == null ? null : admit(cached, origin, routing);
    }

    private static void checkShape(String widgetKey) {
        if (widgetKey == null || widgetKey.isBlank() || widgetKey.length() > MAX_KEY_LENGTH) {
            throw invalidKey();
        }
    }

    private AccountDirectory.WidgetAccount admit(
            Optional<AccountDirectory.WidgetAccount> found, String origin, RoutingContext routing) {
        AccountDirectory.WidgetAccount account =
                found.filter(AccountDirectory.WidgetAccount::active).orElseThrow(WidgetAccess::invalidKey);
        if (origin != null) {
            if (!account.allowedOrigins().contains(origin)) {
                throw new ProblemException(Problem.of(
                        "origin-not-allowed",
                        "Forbidden",
                        403,
                        "This widget may not be used from this origin.",
                        List.of()));
            }
            WidgetRoutes.allowOrigin(routing, origin);
        }
        long waitNanos = limits.forAccount(account.id().toString());
        if (waitNanos > 0) {
            throw new RateLimitedException(
                    "Too many requests for this widget; try again later.",
                    Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)));
        }
        return account;
    }

    static ProblemException invalidKey() {
        return new ProblemException(
                Problem.of("invalid-widget-key", "Unauthorized", 401, "A valid widget key is required.", List.of()));
    }
}
