package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.domain.CorrectionField;
import io.chatprivacy.deletion.domain.DataExport;
import io.chatprivacy.deletion.domain.DeletionTarget;
import io.chatprivacy.deletion.service.CorrectionService;
import io.chatprivacy.deletion.service.DeletionJobService;
import io.chatprivacy.deletion.service.ExportService;
import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reacts to rights requests on {@code request-events}: a DELETE request opens a deletion job (and its
 * code); an ACCESS request prepares the consumer's export, and each fresh copy asked for later
 * ({@code request.export-requested.v1}) a further one; a CORRECT request applies its correction; a
 * declined DELETE request cancels its waiting job. Other request types (OPT_OUT, LIMIT) are not this
 * service's business.
 *
 * <p>A request that breaks the contract (an ACCESS request or a fresh copy without the address the copy
 * goes to, a fresh copy without an attempt of at least 2, a correction without its field, value or the
 * identifier it is verified against) is poison: it goes to the dead-letter topic, named by its id, never
 * its values.
 */
@ApplicationScoped
public class RequestEventsConsumer {

    public static final String OPENED = "request.opened.v1";
    public static final String DECLINED = "request.declined.v1";
    public static final String EXPORT_REQUESTED = "request.export-requested.v1";
    private static final String DELETE = "DELETE";
    private static final String ACCESS = "ACCESS";
    private static final String CORRECT = "CORRECT";
    private static final int MAX_TAG = 100;
    private static final int MAX_VALUE = 320;

    private static final Logger LOG = Logger.getLogger(RequestEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final EventData inbound;
    private final DeletionJobService jobs;
    private final ExportService exports;
    private final CorrectionService corrections;
    private final VaultKeys keys;

    RequestEventsConsumer(
            IdempotentConsumer inbox,
            EventData inbound,
            DeletionJobService jobs,
            ExportService exports,
            CorrectionService corrections,
            VaultKeys keys) {
        this.inbox = inbox;
        this.inbound = inbound;
        this.jobs = jobs;
        this.exports = exports;
        this.corrections = corrections;
        this.keys = keys;
    }

    @Incoming("request-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        switch (event.type()) {
            case OPENED -> opened(event);
            case DECLINED -> declined(event);
            case EXPORT_REQUESTED -> exportRequested(event);
            default -> LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
        }
    }

    private void opened(IncomingEvent event) {
        RequestOpenedData data = inbound.read(event, RequestOpenedData.class);
        String type = data.requestType();
        if (!DELETE.equals(type) && !ACCESS.equals(type) && !CORRECT.equals(type)) {
            return;
        }
        UUID accountId = inbound.account(event, data.accountId());
        if (data.requestId() == null) {
            throw new PoisonEventException("event " + event.id() + " has no requestId");
        }
        switch (type) {
            case DELETE -> jobs.open(accountId, data.requestId(), target(event, data));
            case ACCESS -> access(accountId, data);
            default -> correct(accountId, data);
        }
    }

    private void access(UUID accountId, RequestOpenedData data) {
        String email = present(data.subjectEmail());
        if (email == null) {
            throw new PoisonEventException(
                    "ACCESS request " + data.requestId() + " names no subjectEmail to send the copy to");
        }
        exports.prepare(accountId, data.requestId(), DataExport.FIRST_ATTEMPT, email, present(data.subjectVisitorId()));
    }

    private void exportRequested(IncomingEvent event) {
        RequestExportRequestedData data = inbound.read(event, RequestExportRequestedData.class);
        UUID accountId = inbound.account(event, data.accountId());
        if (data.requestId() == null) {
            throw new PoisonEventException("event " + event.id() + " has no requestId");
        }
        // attempt 1 is the export of request.opened.v1; a re-send that claims it would be lost as a duplicate
        if (data.attempt() == null || data.attempt() <= DataExport.FIRST_ATTEMPT) {
            throw new PoisonEventException("fresh copy of request " + data.requestId() + " has no attempt of at least "
                    + (DataExport.FIRST_ATTEMPT + 1));
        }
        String email = present(data.subjectEmail());
        if (email == null) {
            throw new PoisonEventException(
                    "fresh copy of request " + data.requestId() + " names no subjectEmail to send the copy to");
        }
        exports.prepare(accountId, data.requestId(), data.attempt(), email, present(data.subjectVisitorId()));
    }

    private void correct(UUID accountId, RequestOpenedData data) {
        RequestOpenedData.Correction correction = data.correction();
        String value = correction == null ? null : present(correction.value());
        if (value == null || value.length() > MAX_VALUE) {
            throw new PoisonEventException("CORRECT request " + data.requestId()
                    + " has no correction value of at most " + MAX_VALUE + " characters");
        }
        CorrectionField field;
        try {
            field = CorrectionField.valueOf(String.valueOf(correction.field()));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("CORRECT request " + data.requestId() + " has an unknown correction field");
        }
        String email = present(data.subjectEmail());
        String visitor = present(data.subjectVisitorId());
        // verified against data that is not itself being corrected
        if (field == CorrectionField.NAME && email == null) {
            throw new PoisonEventException("NAME correction " + data.requestId() + " names no subjectEmail");
        }
        if (field == CorrectionField.EMAIL && (visitor == null || email == null || value.indexOf('@') < 1)) {
            throw new PoisonEventException("EMAIL correction " + data.requestId()
                    + " names no subjectVisitorId, no subjectEmail (the address replaced) or no address as its value");
        }
        corrections.correct(accountId, data.requestId(), field, value, email, visitor);
    }

    /** The stripped text, or null when there is none. */
    private static String present(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private DeletionTarget target(IncomingEvent event, RequestOpenedData data) {
        if (data.tag() != null && !data.tag().isBlank()) {
            if (data.tag().length() > MAX_TAG) {
                throw new PoisonEventException("event " + event.id() + " has a tag longer than " + MAX_TAG);
            }
            return DeletionTarget.byTag(data.tag());
        }
        boolean email = data.subjectEmail() != null && !data.subjectEmail().isBlank();
        boolean visitor =
                data.subjectVisitorId() != null && !data.subjectVisitorId().isBlank();
        if (!email && !visitor) {
            throw new PoisonEventException(
                    "DELETE request " + data.requestId() + " names neither a tag nor a data subject");
        }
        // the subject's identity is turned into blind indexes at once and never stored
        return new DeletionTarget(
                null,
                email ? keys.emailIndex(data.subjectEmail()) : null,
                visitor ? keys.visitorIndex(data.subjectVisitorId()) : null);
    }

    private void declined(IncomingEvent event) {
        RequestDeclinedData data = inbound.read(event, RequestDeclinedData.class);
        if (data.requestId() == null) {
            throw new PoisonEventException("event " + event.id() + " has no requestId");
        }
        if (data.requestType() != null && !DELETE.equals(data.requestType())) {
            return;
        }
        jobs.decline(inbound.account(event, data.accountId()), data.requestId());
    }
}
