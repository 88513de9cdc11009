package io.chatprivacy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Clients posting consents through the widget endpoint, one after another each, until closed. Each client sends to
 * the addresses it is given in turn, as a load balancer would; a call that got no answer (the replica died under it)
 * is counted apart: whether its consent was written, the client cannot know.
 */
final class ConsentLoad implements AutoCloseable {
    static final String ORIGIN = "http://localhost:3000";

    final String prefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> receipts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    /** Visitors whose call failed in a way that leaves its outcome open: no answer, or a 503 (see {@link #unsure}). */
    private final Set<String> unsure = ConcurrentHashMap.newKeySet();

    private final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();

    /**
     * @param baseUrls where consent-service listens, asked again on every call (a restarted service may be
     *     elsewhere); each client goes round them
     * @param toleratesNoAnswer whether a call without an answer is expected (a replica is killed under the load)
     *     rather than a refusal
     */
    ConsentLoad(
            String prefix,
            JsonNode form,
            String widgetKey,
            int clientCount,
            Supplier<List<String>> baseUrls,
            boolean toleratesNoAnswer) {
        this.prefix = prefix;
        List<String> consents = new ArrayList<>();
        form.path("consents").forEach(c -> consents.add(c.path("id").asText()));
        int version = form.path("version").asInt();
        for (int i = 0; i < clientCount; i++) {
            String client = prefix + "-" + i;
            Thread t = new Thread(
                    () -> drive(client, version, consents, widgetKey, baseUrls, toleratesNoAnswer),
                    "consent-load-" + i);
            t.start();
            clients.add(t);
        }
    }

    private void drive(
            String client,
            int version,
            List<String> consents,
            String widgetKey,
            Supplier<List<String>> baseUrls,
            boolean toleratesNoAnswer) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (long seq = 0; running.get(); seq++) {
            List<String> urls = baseUrls.get();
            String url = urls.get((int) (seq % urls.size()));
            String visitor = client + "-" + seq;
            try {
                String body = RunningSystem.JSON.writeValueAsString(
                        Map.of("formVersion", version, "visitorId", visitor, "consents", consents));
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/widget/consents"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("X-Widget-Key", widgetKey)
                                .header("Origin", ORIGIN)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    receipts.add(RunningSystem.JSON
                            .readTree(response.body())
                            .path("receiptId")
                            .asText());
                    accepted.incrementAndGet();
                } else {
                    if (response.statusCode() == 503) {
                        unsure.add(visitor);
                    }
                    refusals.add(response.statusCode() + " "
                            + response.headers().firstValue("Content-Type").orElse("") + " "
                            + response.body().replaceAll("\\s+", " "));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                refusals.add("unreadable answer: " + e);
            } catch (java.io.IOException e) {
                unsure.add(visitor);
                if (toleratesNoAnswer) {
                    unanswered.incrementAndGet();
                } else {
                    refusals.add("no answer: " + e);
                }
            }
        }
    }

    int accepted() {
        return accepted.get();
    }

    /** Calls that got no answer at all (only counted when the load was told to expect them). */
    int unanswered() {
        return unanswered.get();
    }

    /**
     * Visitors whose consent may or may not be in the ledger: their call got no answer, or a 503 from a service that
     * lost its database in the middle of the commit (the server may have committed before the connection dropped:
     * the commit's outcome is unknown to the service, which says so with a 503 rather than claim a 201). Never a
     * visitor whose call was answered 201.
     */
    Set<String> unsure() {
        return Set.copyOf(unsure);
    }

    Set<String> receipts() {
        return Set.copyOf(receipts);
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : clients) {
            try {
                t.join(Duration.ofSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
