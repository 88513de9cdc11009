package io.chatprivacy.request.messaging.inbound;

import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.chatprivacy.request.service.RequestProgressService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Completes opt-out and limit requests when consent-service reports the opt-out it applied for them
 * ({@code consent.opted-out.v1} carrying the request's id on {@code consent-events}). Opt-outs that
 * answer no request (GPC, the widget) and other consent events are not this service's business.
 */
@ApplicationScoped
public class ConsentEventsConsumer {

    static final String OPTED_OUT = "consent.opted-out.v1";

    private static final Logger LOG = Logger.getLogger(ConsentEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final RequestProgressService progress;

    ConsentEventsConsumer(IdempotentConsumer inbox, RequestProgressService progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @Incoming("consent-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!OPTED_OUT.equals(event.type())) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return;
        }
        OptedOut data = event.data(OptedOut.class);
        if (data.requestId() == null) {
            return;
        }
        UUID accountId = DeletionEventsConsumer.checkAccount(event, data.accountId());
        progress.optedOut(
                accountId,
                data.requestId(),
                data.optOutId(),
                DeletionEventsConsumer.required(event, data.scope(), "scope"),
                DeletionEventsConsumer.source(event, data.optedOutAt()));
    }
}
