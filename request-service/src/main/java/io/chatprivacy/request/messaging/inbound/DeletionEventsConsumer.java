package io.chatprivacy.request.messaging.inbound;

import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.chatprivacy.request.service.RequestProgressService;
import io.chatprivacy.request.service.RequestProgressService.Source;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows what deletion-service does for rights requests on {@code deletion-events} (deletion jobs, access
 * exports, corrections) and moves the requests they belong to.
 */
@ApplicationScoped
public class DeletionEventsConsumer {

    static final String VERIFICATION_ISSUED = "deletion.verification-issued.v1";
    static final String JOB_LOCKED = "deletion.job-locked.v1";
    static final String JOB_EXPIRED = "deletion.job-expired.v1";
    static final String PURGE_COMPLETED = "deletion.purge-completed.v1";
    static final String EXPORT_READY = "deletion.export-ready.v1";
    static final String CORRECTION_APPLIED = "deletion.correction-applied.v1";
    static final String CORRECTION_REJECTED = "deletion.correction-rejected.v1";

    private static final Logger LOG = Logger.getLogger(DeletionEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final RequestProgressService progress;

    DeletionEventsConsumer(IdempotentConsumer inbox, RequestProgressService progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @Incoming("deletion-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        switch (event.type()) {
            case VERIFICATION_ISSUED -> {
                VerificationIssued data = event.data(VerificationIssued.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.verificationIssued(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        required(event, data.jobId(), "jobId"),
                        orZero(data.chatCount()),
                        orZero(data.ticketCount()),
                        required(event, data.expiresAt(), "expiresAt"),
                        source(event, null));
            }
            case JOB_LOCKED -> {
                JobLocked data = event.data(JobLocked.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.jobLocked(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        required(event, data.jobId(), "jobId"),
                        data.failedAttempts() == null ? 0 : data.failedAttempts(),
                        source(event, data.lockedAt()));
            }
            case JOB_EXPIRED -> {
                JobExpired data = event.data(JobExpired.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.jobExpired(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        required(event, data.jobId(), "jobId"),
                        source(event, data.expiredAt()));
            }
            case PURGE_COMPLETED -> {
                PurgeCompleted data = event.data(PurgeCompleted.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.purgeCompleted(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        required(event, data.jobId(), "jobId"),
                        required(event, data.receiptId(), "receiptId"),
                        orZero(data.chatsDeleted()),
                        orZero(data.ticketsDeleted()),
                        orZero(data.chatsSkippedLegalHold()),
                        orZero(data.ticketsSkippedLegalHold()),
                        source(event, data.completedAt()));
            }
            case EXPORT_READY -> {
                ExportReady data = event.data(ExportReady.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.exportReady(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        required(event, data.exportId(), "exportId"),
                        orZero(data.chatCount()),
                        orZero(data.ticketCount()),
                        required(event, data.expiresAt(), "expiresAt"),
                        source(event, data.preparedAt()));
            }
            case CORRECTION_APPLIED -> {
                CorrectionApplied data = event.data(CorrectionApplied.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.correctionApplied(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        required(event, data.correctionId(), "correctionId"),
                        required(event, data.field(), "field"),
                        new RequestProgressService.CorrectionCounts(
                                orZero(data.chatsMatched()),
                                orZero(data.ticketsMatched()),
                                orZero(data.chatsCorrected()),
                                orZero(data.ticketsCorrected())),
                        source(event, data.appliedAt()));
            }
            case CORRECTION_REJECTED -> {
                CorrectionRejected data = event.data(CorrectionRejected.class);
                UUID accountId = event.requireAccountId(data.accountId());
                progress.correctionRejected(
                        accountId,
                        required(event, data.requestId(), "requestId"),
                        data.field(),
                        data.reason(),
                        data.detail(),
                        source(event, data.rejectedAt()));
            }
            default -> LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
        }
    }

    static <T> T required(IncomingEvent event, T value, String field) {
        if (value == null) {
            throw new PoisonEventException("event " + event.id() + " of type " + event.type() + " lacks " + field);
        }
        return value;
    }

    static Source source(IncomingEvent event, Instant occurredAt) {
        Instant at = occurredAt != null
                ? occurredAt
                : event.time() != null ? event.time().toInstant() : null;
        return new Source(event.id(), at);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
