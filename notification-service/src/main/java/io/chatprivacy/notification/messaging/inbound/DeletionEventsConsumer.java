package io.chatprivacy.notification.messaging.inbound;

import io.chatprivacy.notification.mail.CodeSeal;
import io.chatprivacy.notification.service.MailService;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
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

    private static final Logger LOG = Logger.getLogger(DeletionEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final MailService mail;

    DeletionEventsConsumer(IdempotentConsumer inbox, MailService mail) {
        this.inbox = inbox;
        this.mail = mail;
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
                UUID jobId = required(event, data.jobId(), "jobId");
                try {
                    mail.queueVerificationCode(
                            accountId,
                            required(event, data.requestId(), "requestId"),
                            jobId,
                            data.tag(),
                            orZero(data.chatCount()),
                            orZero(data.ticketCount()),
                            required(event, data.sealedCode(), "sealedCode"),
                            required(event, data.expiresAt(), "expiresAt"),
                            event.id());
                } catch (CodeSeal.UnreadableCodeException e) {
                    // a wrong transport key or a damaged event: retrying cannot help; the dead-letter
                    // topic keeps it for replay once the key is fixed
                    throw new PoisonEventException("event " + event.id() + ": " + e.getMessage());
                }
            }
            case JOB_LOCKED -> {
                JobLocked data = event.data(JobLocked.class);
                mail.queueJobLockedNotice(
                        event.requireAccountId(data.accountId()),
                        required(event, data.requestId(), "requestId"),
                        required(event, data.jobId(), "jobId"),
                        data.failedAttempts() == null ? 0 : data.failedAttempts(),
                        at(event, data.lockedAt()),
                        event.id());
            }
            case PURGE_COMPLETED -> {
                PurgeCompleted data = event.data(PurgeCompleted.class);
                mail.queuePurgeConfirmation(
                        event.requireAccountId(data.accountId()),
                        required(event, data.requestId(), "requestId"),
                        required(event, data.jobId(), "jobId"),
                        required(event, data.receiptId(), "receiptId"),
                        data.tag(),
                        orZero(data.chatsDeleted()),
                        orZero(data.ticketsDeleted()),
                        orZero(data.chatsSkippedLegalHold()),
                        orZero(data.ticketsSkippedLegalHold()),
                        data.authorisedBy(),
                        at(event, data.completedAt()),
                        event.id());
            }
            case EXPORT_READY -> exportReady(event);
            default -> LOG.debugf("No mail for event %s of type %s", event.id(), event.type());
        }
    }

    private void exportReady(IncomingEvent event) {
        ExportReady data = event.data(ExportReady.class);
        UUID accountId = event.requireAccountId(data.accountId());
        String subjectEmail = RequestEventsConsumer.address(event, data.subjectEmail());
        if (subjectEmail == null) {
            // the copy goes to the address the consumer gave; without one it has nowhere to go
            throw new PoisonEventException("event " + event.id() + " of type " + event.type() + " lacks subjectEmail");
        }
        try {
            mail.queueAccessExport(
                    accountId,
                    required(event, data.requestId(), "requestId"),
                    required(event, data.exportId(), "exportId"),
                    subjectEmail,
                    orZero(data.chatCount()),
                    orZero(data.ticketCount()),
                    required(event, data.sealedToken(), "sealedToken"),
                    at(event, data.preparedAt()),
                    required(event, data.expiresAt(), "expiresAt"),
                    event.id());
        } catch (CodeSeal.UnreadableCodeException e) {
            // as for codes: a wrong transport key or a damaged event; the dead-letter topic keeps it
            throw new PoisonEventException("event " + event.id() + ": " + e.getMessage());
        }
    }

    static <T> T required(IncomingEvent event, T value, String field) {
        if (value == null) {
            throw new PoisonEventException("event " + event.id() + " of type " + event.type() + " lacks " + field);
        }
        return value;
    }

    static Instant at(IncomingEvent event, Instant occurredAt) {
        if (occurredAt != null) {
            return occurredAt;
        }
        return event.time() == null ? Instant.now() : event.time().toInstant();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
