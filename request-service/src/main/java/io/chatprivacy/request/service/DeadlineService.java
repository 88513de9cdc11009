package io.chatprivacy.request.service;

import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.request.config.RequestConfig;
import io.chatprivacy.request.domain.DeadlineClock;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.events.RequestDeadlineApproachingEvent;
import io.chatprivacy.request.events.RequestDeadlineBreachedEvent;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Watches the statutory clock of every open request: agents are reminded {@code
 * request.reminder-days} before the effective due date ({@code request.deadline-approaching.v1}, once
 * per due date) and alerted once it has passed ({@code request.deadline-breached.v1}, once). A declined
 * request's pending appeal is watched the same way against the appeal's due date (the events' {@code clock}
 * is {@code APPEAL}). Runs on a
 * schedule; {@link #sweep()} is also what tests call, with a clock they set.
 */
@ApplicationScoped
public class DeadlineService {

    private static final Logger LOG = Logger.getLogger(DeadlineService.class);
    private static final int BATCH = 200;

    private final RightsRequestRepository requests;
    private final Outbox outbox;
    private final Clock clock;
    private final StatutoryClock statutoryClock;
    private final RequestConfig config;

    DeadlineService(
            RightsRequestRepository requests,
            Outbox outbox,
            Clock clock,
            StatutoryClock statutoryClock,
            RequestConfig config) {
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
        this.statutoryClock = statutoryClock;
        this.config = config;
    }

    @Scheduled(
            every = "${request.deadline-sweep.every:15m}",
            delayed = "${request.deadline-sweep.delayed:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** One pass over the open requests due within the reminder window; the counts of events published. */
    @Transactional
    public Result sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant horizon = now.plus(Duration.ofDays(config.reminderDays()));
        int reminders = 0;
        int breaches = 0;
        int page = 0;
        List<RightsRequest> due;
        // rows stay selected after a reminder or an alert (they are still open): page through them
        do {
            due = requests.openDueBy(horizon, page, BATCH);
            for (RightsRequest request : due) {
                if (request.needsBreachReport(now)) {
                    request.breached(now);
                    outbox.publish(new RequestDeadlineBreachedEvent(
                            request.id(),
                            request.accountId(),
                            request.type().name(),
                            request.status().name(),
                            request.effectiveDueAt(),
                            request.extension().isTaken(),
                            now,
                            DeadlineClock.ANSWER));
                    breaches++;
                } else if (request.needsReminder(now, config.reminderDays())) {
                    request.reminded(now);
                    outbox.publish(new RequestDeadlineApproachingEvent(
                            request.id(),
                            request.accountId(),
                            request.type().name(),
                            request.status().name(),
                            request.effectiveDueAt(),
                            (int) statutoryClock.daysLeft(request.effectiveDueAt(), now),
                            request.extension().isTaken(),
                            now,
                            DeadlineClock.ANSWER));
                    reminders++;
                }
            }
            page++;
        } while (due.size() == BATCH);
        // the decline's appeals: a pending appeal has its own due date, and nobody else watches it
        page = 0;
        do {
            due = requests.pendingAppealsDueBy(horizon, page, BATCH);
            for (RightsRequest request : due) {
                Instant appealDue = request.appeal().appealDueAt();
                if (request.needsAppealBreachReport(now)) {
                    request.appealBreached(now);
                    outbox.publish(new RequestDeadlineBreachedEvent(
                            request.id(),
                            request.accountId(),
                            request.type().name(),
                            request.status().name(),
                            appealDue,
                            false,
                            now,
                            DeadlineClock.APPEAL));
                    breaches++;
                } else if (request.needsAppealReminder(now, config.reminderDays())) {
                    request.appealReminded(now);
                    outbox.publish(new RequestDeadlineApproachingEvent(
                            request.id(),
                            request.accountId(),
                            request.type().name(),
                            request.status().name(),
                            appealDue,
                            (int) statutoryClock.daysLeft(appealDue, now),
                            false,
                            now,
                            DeadlineClock.APPEAL));
                    reminders++;
                }
            }
            page++;
        } while (due.size() == BATCH);
        if (reminders + breaches > 0) {
            LOG.infof("Deadline sweep: %d reminder(s), %d overdue alert(s)", reminders, breaches);
        }
        return new Result(reminders, breaches);
    }

    /** What one sweep published. */
    public record Result(int reminders, int breaches) {}
}
