package io.chatprivacy.notification.messaging.inbound;

import io.chatprivacy.notification.mail.CodeSeal;
import io.chatprivacy.notification.service.MailService;
import io.chatprivacy.notification.service.reports.ExportCodeIssued;
import io.chatprivacy.notification.service.reports.ExportReady;
import io.chatprivacy.notification.service.reports.JobLocked;
import io.chatprivacy.notification.service.reports.PurgeCompleted;
import io.chatprivacy.notification.service.reports.VerificationIssued;
import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns deletion-service's events into mail: for the account owner the verification code, the lock
 * notice and the purge confirmation; for the consumer the copy of their data when an access export is
 * ready. It only queues them (see {@link MailService}); it never talks to
 * the SMTP relay, so an outage cannot block the partition.
 */
@ApplicationScoped
public class DeletionEventsConsumer {

    static final String VERIFICATION_ISSUED = "deletion.verification-issued.v1";
    static final String JOB_LOCKED = "deletion.job-locked.v1";
    static final String PURGE_COMPLETED = "deletion.purge-completed.v1";
    static final String EXPORT_READY = "deletion.export-ready.v1";
    static final String EXPORT_CODE_ISSUED = "deletion.export-code-issued.v1";

    private static final Logger LOG = Logger.getLogger(DeletionEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final EventData data;
    private final MailService mail;

    DeletionEventsConsumer(IdempotentConsumer inbox, EventData data, MailService mail) {
        this.inbox = inbox;
        this.data = data;
        this.mail = mail;
    }

    @Incoming("deletion-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        try {
            switch (event.type()) {
                case VERIFICATION_ISSUED -> {
                    VerificationIssued issued = data.read(event, VerificationIssued.class);
                    mail.queueVerificationCode(
                            data.account(event, issued.accountId()), issued, EventOrigin.of(event, null));
                }
                case JOB_LOCKED -> {
                    JobLocked locked = data.read(event, JobLocked.class);
                    mail.queueJobLockedNotice(
                            data.account(event, locked.accountId()), locked, EventOrigin.of(event, locked.lockedAt()));
                }
                case PURGE_COMPLETED -> {
                    PurgeCompleted purge = data.read(event, PurgeCompleted.class);
                    mail.queuePurgeConfirmation(
                            data.account(event, purge.accountId()), purge, EventOrigin.of(event, purge.completedAt()));
                }
                case EXPORT_READY -> {
                    ExportReady export = data.read(event, ExportReady.class);
                    mail.queueAccessExport(
                            data.account(event, export.accountId()),
                            export,
                            EventOrigin.of(event, export.preparedAt()));
                }
                case EXPORT_CODE_ISSUED -> {
                    ExportCodeIssued issued = data.read(event, ExportCodeIssued.class);
                    mail.queueExportCode(data.account(event, issued.accountId()), issued, EventOrigin.of(event, null));
                }
                default -> LOG.debugf("No mail for event %s of type %s", event.id(), event.type());
            }
        } catch (CodeSeal.UnreadableCodeException e) {
            // a sealed code or export token that cannot be opened (a wrong transport key, a damaged event):
            // retrying cannot help; the dead-letter topic keeps it for replay once the key is fixed
            throw new PoisonEventException("event " + event.id() + ": " + e.getMessage());
        }
    }
}
