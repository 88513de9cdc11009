package io.chatprivacy.request.messaging.inbound;

import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.chatprivacy.request.service.RequestProgressService;
import io.chatprivacy.request.service.reports.CorrectionApplied;
import io.chatprivacy.request.service.reports.CorrectionRejected;
import io.chatprivacy.request.service.reports.ExportReady;
import io.chatprivacy.request.service.reports.JobExpired;
import io.chatprivacy.request.service.reports.JobLocked;
import io.chatprivacy.request.service.reports.PurgeCompleted;
import io.chatprivacy.request.service.reports.VerificationIssued;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final EventData data;
    private final RequestProgressService progress;

    DeletionEventsConsumer(IdempotentConsumer inbox, EventData data, RequestProgressService progress) {
        this.inbox = inbox;
        this.data = data;
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
                VerificationIssued report = data.read(event, VerificationIssued.class);
                progress.verificationIssued(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, null));
            }
            case JOB_LOCKED -> {
                JobLocked report = data.read(event, JobLocked.class);
                progress.jobLocked(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, report.lockedAt()));
            }
            case JOB_EXPIRED -> {
                JobExpired report = data.read(event, JobExpired.class);
                progress.jobExpired(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, report.expiredAt()));
            }
            case PURGE_COMPLETED -> {
                PurgeCompleted report = data.read(event, PurgeCompleted.class);
                progress.purgeCompleted(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, report.completedAt()));
            }
            case EXPORT_READY -> {
                ExportReady report = data.read(event, ExportReady.class);
                progress.exportReady(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, report.preparedAt()));
            }
            case CORRECTION_APPLIED -> {
                CorrectionApplied report = data.read(event, CorrectionApplied.class);
                progress.correctionApplied(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, report.appliedAt()));
            }
            case CORRECTION_REJECTED -> {
                CorrectionRejected report = data.read(event, CorrectionRejected.class);
                progress.correctionRejected(
                        data.account(event, report.accountId()), report, EventOrigin.of(event, report.rejectedAt()));
            }
            default -> LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
        }
    }
}
