package io.chatprivacy.request.service;

import io.chatprivacy.request.config.RequestConfig;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.persistence.ConsumerIntakeRepository;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps request records for {@code request.retention-months} (24) after receipt, then erases the
 * consumer's identity in them; type, channel, dates, status and counts stay, so the yearly figures do
 * not change. The privacy center's intakes lose what the consumer submitted (address, visitor id, corrected
 * value) at the same age. {@link #eraseExpiredIdentities()} is what the schedule and the tests call.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final int BATCH = 500;

    private final RightsRequestRepository requests;
    private final ConsumerIntakeRepository intakes;
    private final Clock clock;
    private final RequestConfig config;

    RetentionService(
            RightsRequestRepository requests, ConsumerIntakeRepository intakes, Clock clock, RequestConfig config) {
        this.requests = requests;
        this.intakes = intakes;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(
            every = "${request.retention-sweep.every:6h}",
            delayed = "${request.retention-sweep.delayed:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        eraseExpiredIdentities();
    }

    /** Erases the identity of every request received more than the retention period ago; how many. */
    @Transactional
    public int eraseExpiredIdentities() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = ZonedDateTime.ofInstant(now, java.time.ZoneOffset.UTC)
                .minusMonths(config.retentionMonths())
                .toInstant();
        int erased = 0;
        List<RightsRequest> batch;
        do {
            batch = requests.identityKeptSince(cutoff, BATCH);
            for (RightsRequest request : batch) {
                request.eraseIdentity(now);
            }
            requests.flush();
            erased += batch.size();
        } while (batch.size() == BATCH);
        // the privacy center's intakes (verified or not) keep what the consumer submitted just as long
        int intakesErased = intakes.eraseIdentitiesBefore(cutoff);
        if (intakesErased > 0) {
            LOG.infof("Erased what %d privacy-center intake(s) received before %s named", intakesErased, cutoff);
        }
        if (erased > 0) {
            LOG.infof("Erased the consumer identity of %d request(s) received before %s", erased, cutoff);
        }
        return erased;
    }
}
