package io.chatprivacy.request.drp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Status callbacks (DRP §2.03): when the status an agent sees of one of its requests differs from the last one
 * delivered, the Exercise Status object is POSTed to the request's {@code status_callback} until the agent answers
 * 2xx — at least once, retried with back-off (30 s, 1 min, 2 min, … at most an hour), off any HTTP request or
 * Kafka consumer (a scheduled sweep). The status is derived afresh from the intake and the request, so every change
 * (a code presented, a request completed or declined, an intake locked) is seen without touching the flows that
 * make it. Each round looks at the requests looked at least recently first, so every waiting request is seen
 * within a few rounds however many stand still.
 *
 * <p>Replica-safe: a sweep claims due rows {@code FOR UPDATE SKIP LOCKED} and leases them (moves their next try a
 * minute on) in a short transaction, posts outside any transaction, then records each outcome. Only ids and
 * statuses are logged, never the callback's address.
 */
@ApplicationScoped
public class DrpCallbacks {

    private static final Logger LOG = Logger.getLogger(DrpCallbacks.class);

    /** How long a claimed row is left to the sweep that claimed it. */
    static final Duration LEASE = Duration.ofMinutes(1);

    static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    static final Duration LONGEST_RETRY = Duration.ofHours(1);

    static final int BATCH = 50;

    private record Due(UUID id, String url, DrpMapping.Seen seen, String body) {}

    private final DrpService drp;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;

    DrpCallbacks(
            DrpService drp,
            EntityManager em,
            ObjectMapper mapper,
            Clock clock,
            @ConfigProperty(name = "drp.callback-timeout") Duration timeout) {
        this.drp = drp;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(
            every = "${drp.callback-sweep.every:10s}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** The wait after {@code failures} failed deliveries in a row. */
    static Duration backoff(int failures) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 16));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /**
     * One round: delivers the changed statuses of due requests.
     *
     * @return how many callbacks were delivered (answered 2xx)
     */
    public int sweep() {
        List<Due> due = QuarkusTransaction.requiringNew().call(this::claim);
        int delivered = 0;
        for (Due callback : due) {
            boolean ok = post(callback);
            QuarkusTransaction.requiringNew().run(() -> record(callback, ok));
            if (ok) {
                delivered++;
            }
        }
        return delivered;
    }

    private List<Due> claim() {
        Instant now = now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, account_id, agent_id, agent_request_id, intake_id, denied_reason, received_at,
                            status_callback, notified_status, notified_reason
                        from drp_request
                        where status_callback is not null and not callback_done
                          and (callback_next_at is null or callback_next_at <= ?1)
                        order by callback_next_at nulls first, received_at
                        limit ?2
                        for update skip locked""")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, BATCH)
                .getResultList();
        List<Due> due = new ArrayList<>();
        List<UUID> unchanged = new ArrayList<>();
        for (Object[] r : rows) {
            DrpService.Row row = DrpService.toRow(r);
            DrpMapping.Seen seen = drp.seen(row);
            if (seen.status().name().equals(r[8]) && seen.reason().name().equals(r[9])) {
                unchanged.add(row.id());
                continue;
            }
            String body;
            try {
                body = mapper.writeValueAsString(drp.statusObject(row, seen));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            em.createNativeQuery("update drp_request set callback_next_at = ?2 where id = ?1")
                    .setParameter(1, row.id())
                    .setParameter(2, Timestamp.from(now.plus(LEASE)))
                    .executeUpdate();
            due.add(new Due(row.id(), (String) r[7], seen, body));
        }
        if (!unchanged.isEmpty()) {
            // looked at now: the next rounds look at the others first, so a batch of requests whose status
            // stands still (waiting for a code, or for the answer's due date) never hides a newer one's change
            em.createNativeQuery("update drp_request set callback_next_at = ?2 where id in (?1)")
                    .setParameter(1, unchanged)
                    .setParameter(2, Timestamp.from(now))
                    .executeUpdate();
        }
        return due;
    }

    private boolean post(Due callback) {
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(URI.create(callback.url()))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(callback.body()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            boolean ok = answer.statusCode() / 100 == 2;
            if (!ok) {
                LOG.infof(
                        "DRP status callback for request %s (%s) answered %d",
                        callback.id(), callback.seen().status(), answer.statusCode());
            }
            return ok;
        } catch (IOException | IllegalArgumentException e) {
            LOG.infof(
                    "DRP status callback for request %s (%s) failed: %s",
                    callback.id(), callback.seen().status(), e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(Due callback, boolean ok) {
        Instant now = now();
        if (ok) {
            em.createNativeQuery("""
                            update drp_request set notified_status = ?2, notified_reason = ?3, callback_done = ?4,
                                callback_attempts = 0, callback_next_at = null
                            where id = ?1""")
                    .setParameter(1, callback.id())
                    .setParameter(2, callback.seen().status().name())
                    .setParameter(3, callback.seen().reason().name())
                    .setParameter(4, callback.seen().isFinal())
                    .executeUpdate();
            LOG.infof(
                    "DRP status callback for request %s delivered: %s",
                    callback.id(), callback.seen().status());
            return;
        }
        int failures = ((Number) em.createNativeQuery("select callback_attempts from drp_request where id = ?1")
                                .setParameter(1, callback.id())
                                .getSingleResult())
                        .intValue()
                + 1;
        em.createNativeQuery("update drp_request set callback_attempts = ?2, callback_next_at = ?3 where id = ?1")
                .setParameter(1, callback.id())
                .setParameter(2, failures)
                .setParameter(3, Timestamp.from(now.plus(backoff(failures))))
                .executeUpdate();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
