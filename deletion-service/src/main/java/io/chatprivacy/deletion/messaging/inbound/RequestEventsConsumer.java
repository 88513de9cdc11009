package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.domain.DeletionTarget;
import io.chatprivacy.deletion.service.DeletionJobService;
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
 * code); a declined request cancels its waiting job. Other request types are not this service's business
 * (yet).
 */
@ApplicationScoped
public class RequestEventsConsumer {

    public static final String OPENED = "request.opened.v1";
    public static final String DECLINED = "request.declined.v1";
    private static final String DELETE = "DELETE";
    private static final int MAX_TAG = 100;

    private static final Logger LOG = Logger.getLogger(RequestEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final InboundData inbound;
    private final DeletionJobService jobs;
    private final VaultKeys keys;

    RequestEventsConsumer(IdempotentConsumer inbox, InboundData inbound, DeletionJobService jobs, VaultKeys keys) {
        this.inbox = inbox;
        this.inbound = inbound;
        this.jobs = jobs;
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
            default -> LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
        }
    }

    private void opened(IncomingEvent event) {
        RequestOpenedData data = inbound.read(event, RequestOpenedData.class);
        if (!DELETE.equals(data.requestType())) {
            return;
        }
        UUID accountId = inbound.account(event, data.accountId());
        if (data.requestId() == null) {
            throw new PoisonEventException("event " + event.id() + " has no requestId");
        }
        jobs.open(accountId, data.requestId(), target(event, data));
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
