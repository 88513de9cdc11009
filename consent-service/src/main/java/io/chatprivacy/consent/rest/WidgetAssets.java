package io.chatprivacy.consent.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves the embeddable consent widget — {@code /widget/v1/consent.js}, its stylesheet
 * {@code /widget/v1/consent.css} and the script's Subresource Integrity value
 * {@code /widget/v1/consent.js.sri} — to anyone, without a widget key: the files are public and hold no
 * secret. These exact paths, for {@code GET} and {@code HEAD} only, are answered here before {@link
 * WidgetRoutes} asks for a key; every other {@code /widget/…} call (other paths, other methods on
 * these) still meets the key check first.
 *
 * <p>The bytes are the ones packaged in the service's jar, so the SRI hash (SHA-384) and the strong
 * {@code ETag} are fixed at build time. A released {@code v1} file never changes (a change is a new
 * versioned path), so browsers may cache it for a year; a revalidation with {@code If-None-Match} gets
 * a 304.
 */
@ApplicationScoped
public class WidgetAssets {

    /** The widget's URL prefix (the script's major version). */
    public static final String PREFIX = "/widget/v1/";

    /** Before {@link WidgetRoutes}. */
    private static final int ORDER = WidgetRoutes.ORDER - 1;

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    /** One served file. */
    record Asset(String contentType, byte[] bytes, String etag, String sri) {

        static Asset load(String resource, String contentType) {
            return of(read(resource), contentType);
        }

        static Asset of(byte[] bytes, String contentType) {
            return new Asset(
                    contentType,
                    bytes,
                    "\"" + HexFormat.of().formatHex(digest("SHA-256", bytes), 0, 16) + "\"",
                    "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes)));
        }
    }

    private final Map<String, Asset> assets;

    WidgetAssets() {
        Asset script = Asset.load("widget/v1/consent.js", "text/javascript; charset=utf-8");
        Asset style = Asset.load("widget/v1/consent.css", "text/css; charset=utf-8");
        Asset sri = Asset.of(script.sri().getBytes(StandardCharsets.US_ASCII), "text/plain; charset=utf-8");
        this.assets = Map.of(
                PREFIX + "consent.js", script,
                PREFIX + "consent.css", style,
                PREFIX + "consent.js.sri", sri);
    }

    /** The script's {@code integrity} value, {@code sha384-…}. */
    public String scriptSri() {
        return assets.get(PREFIX + "consent.js").sri();
    }

    /** The stylesheet's {@code integrity} value, {@code sha384-…}. */
    public String styleSri() {
        return assets.get(PREFIX + "consent.css").sri();
    }

    void install(@Observes Router router) {
        for (String path : assets.keySet()) {
            router.route(HttpMethod.GET, path).order(ORDER).handler(this::serve);
            router.route(HttpMethod.HEAD, path).order(ORDER).handler(this::serve);
        }
    }

    private void serve(RoutingContext routing) {
        Asset asset = assets.get(routing.normalizedPath());
        if (asset == null) {
            routing.next(); // not one of ours after all: the key check decides
            return;
        }
        HttpServerResponse response = routing.response();
        response.putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader("X-Content-Type-Options", "nosniff")
                // public and secret-free: any page may load it, with crossorigin="anonymous" for SRI
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Cross-Origin-Resource-Policy", "cross-origin");
        if (matches(routing.request().getHeader(HttpHeaders.IF_NONE_MATCH), asset.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(asset.bytes().length));
        if (routing.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(asset.bytes()));
        }
    }

    /** Whether an {@code If-None-Match} list names this strong ETag (weak comparison, as RFC 9110 asks). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
