package io.chatprivacy.consent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.config.ConsentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The opt-out self-test's consumer: it uses request-service's public privacy center exactly as a person's browser
 * does (no credentials): submits an opt-out, then reads the request's status page with its status token.
 */
@ApplicationScoped
public class PrivacyCenterClient {

    /** The privacy center's answer to a submission that opened a request. */
    public record Opened(UUID requestId, String statusToken) {}

    /** A call that did not give the answer expected; the message says what came back (never personal data). */
    public static class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final String baseUrl;
    private final Duration timeout;

    PrivacyCenterClient(ConsentConfig config, ObjectMapper mapper) {
        this.mapper = mapper;
        this.timeout = config.selfTest().httpTimeout();
        String url = config.selfTest().requestServiceUrl();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code POST /privacy-center/{accountId}/requests} of an {@code OPT_OUT}: 201 with the request and token. */
    public Opened submitOptOut(UUID accountId, String email, String visitorId) throws Refused {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "OPT_OUT");
        body.put("email", email);
        body.put("visitorId", visitorId);
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(uri("/privacy-center/" + accountId + "/requests"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build());
        } catch (IOException e) {
            throw new Refused("request-service unreachable: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() != 201) {
            throw new Refused("the privacy center answered HTTP " + response.statusCode() + " to the opt-out");
        }
        try {
            JsonNode json = mapper.readTree(response.body());
            return new Opened(
                    UUID.fromString(json.path("requestId").asText()),
                    json.path("statusToken").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("the privacy center's answer named no request");
        }
    }

    /** The request's status as its status page shows it (e.g. {@code OPENED}, {@code COMPLETED}). */
    public String status(UUID accountId, UUID requestId, String statusToken) throws Refused {
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(uri("/privacy-center/" + accountId + "/requests/" + requestId))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .header("X-Status-Token", statusToken)
                    .GET()
                    .build());
        } catch (IOException e) {
            throw new Refused("request-service unreachable: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() != 200) {
            throw new Refused("the status page answered HTTP " + response.statusCode());
        }
        try {
            return mapper.readTree(response.body()).path("status").asText();
        } catch (IOException e) {
            throw new Refused("the status page's answer was not JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
