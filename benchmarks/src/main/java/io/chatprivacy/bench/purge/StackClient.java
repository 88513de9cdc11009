package io.chatprivacy.bench.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP calls of the flow: open the request, present the code, read the mail API. */
public final class StackClient {

    /** A mail as the read API returns it, with when it was first seen. */
    public record Mail(String id, String subject, String text, long seenNanos) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("(?i)verification code:?\\s*([0-9]{8,18})");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String deletionUrl;
    private final String requestUrl;
    private final String mailUrl;
    private final String accountId;
    private final Set<String> knownMail = ConcurrentHashMap.newKeySet();
    private final long mailPollMillis;

    StackClient(String deletionUrl, String requestUrl, String mailUrl, String accountId) {
        this(deletionUrl, requestUrl, mailUrl, accountId, 50);
    }

    /** With the mail API polled every {@code mailPollMillis} while a mail is awaited. */
    public StackClient(String deletionUrl, String requestUrl, String mailUrl, String accountId, long mailPollMillis) {
        this.deletionUrl = deletionUrl;
        this.requestUrl = requestUrl;
        this.mailUrl = mailUrl;
        this.accountId = accountId;
        this.mailPollMillis = mailPollMillis;
    }

    /** Whether the service whose management interface is at {@code managementUrl} is ready. */
    boolean ready(String managementUrl) {
        try {
            return get(managementUrl + "/q/health/ready", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The sum of a Prometheus sample over the series carrying every given label ({@code key="value"});
     * NaN when the page cannot be read.
     */
    double metric(String metricsUrl, String name, String... labels) {
        HttpResponse<String> page;
        try {
            page = get(metricsUrl, null);
        } catch (IOException e) {
            return Double.NaN;
        }
        if (page.statusCode() != 200) {
            return Double.NaN;
        }
        double sum = 0;
        for (String line : page.body().split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    String deletionUrl() {
        return deletionUrl;
    }

    String requestUrl() {
        return requestUrl;
    }

    /** Opens a DELETE request for the tag through request-service; null if that endpoint is not there. */
    public String openDeleteRequest(String token, String tag) {
        return openRightsRequest(token, "{\"type\":\"DELETE\",\"tag\":\"" + tag + "\",\"channel\":\"WEB_FORM\"}");
    }

    /**
     * Opens a rights request ({@code body}: request-service's {@code OpenRightsRequestRequest}); its id,
     * or null (and says why) when request-service does not answer 201.
     */
    public String openRightsRequest(String token, String body) {
        try {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(requestUrl + "/accounts/" + accountId + "/rights-requests"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build());
            if (response.statusCode() != 201) {
                System.out.printf(
                        "  request-service answered %d to %s: %s%n",
                        response.statusCode(), body, abbreviate(response.body()));
                return null;
            }
            return JSON.readTree(response.body()).get("requestId").asText();
        } catch (IOException e) {
            System.out.println("  request-service is not reachable: " + e.getMessage());
            return null;
        }
    }

    /** A rights request's {@code status} as request-service tells it (null when it cannot be read). */
    public String requestStatus(String token, String requestId) {
        try {
            HttpResponse<String> response =
                    get(requestUrl + "/accounts/" + accountId + "/rights-requests/" + requestId, token);
            return response.statusCode() == 200
                    ? JSON.readTree(response.body()).path("status").asText(null)
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    public HttpResponse<String> presentCode(String token, String requestId, String code) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(
                        deletionUrl + "/accounts/" + accountId + "/deletion-requests/" + requestId + "/verification"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
                .build());
    }

    /** Marks every mail there is now as old, so that only later ones count. */
    void forgetMail(String to) throws IOException {
        for (JsonNode mail : mails(to)) {
            knownMail.add(mail.get("id").asText());
        }
    }

    /** Waits for a new mail to {@code to} whose text mentions {@code requestId} and matches {@code kind}. */
    public Mail awaitMail(String to, String requestId, boolean verification, long millis)
            throws IOException, InterruptedException {
        return awaitMail(to, requestId, text -> CODE.matcher(text).find() == verification, millis);
    }

    /** Waits for a new mail to {@code to} whose text (plain and HTML) mentions {@code requestId} and passes {@code test}. */
    public Mail awaitMail(String to, String requestId, Predicate<String> test, long millis)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            long now = System.nanoTime();
            JsonNode mails;
            try {
                mails = mails(to);
            } catch (IOException e) {
                Thread.sleep(mailPollMillis); // the mail API may fail a read now and then: ask again
                continue;
            }
            for (JsonNode mail : mails) {
                String id = mail.get("id").asText();
                String text =
                        mail.path("text").asText("") + "\n" + mail.path("html").asText("");
                if (knownMail.contains(id) || !text.contains(requestId)) {
                    continue;
                }
                if (test.test(text)) {
                    knownMail.add(id);
                    return new Mail(id, mail.path("subject").asText(), text, now);
                }
            }
            Thread.sleep(mailPollMillis);
        }
        return null;
    }

    public static String code(Mail mail) {
        Matcher matcher = CODE.matcher(mail.text());
        return matcher.find() ? matcher.group(1) : null;
    }

    public boolean mailApiAvailable() {
        try {
            return get(mailUrl, null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every mail to {@code to} (all mails when null), as the mail API lists them. */
    public JsonNode mails(String to) throws IOException {
        HttpResponse<String> response =
                get(to == null ? mailUrl : mailUrl + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null);
        JsonNode mails = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        if (mails == null || !mails.isArray()) {
            throw new IOException(
                    "the mail API answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return mails;
    }

    private HttpResponse<String> get(String url, String token) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
