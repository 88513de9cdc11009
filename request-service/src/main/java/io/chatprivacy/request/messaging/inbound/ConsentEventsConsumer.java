package io.chatprivacy.request.messaging.inbound;

import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.inbox.BatchInbox;
import io.chatprivacy.request.service.RequestProgressService;
import io.chatprivacy.request.service.reports.OptedOut;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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

    private final BatchInbox inbox;
    private final EventData data;
    private final RequestProgressService progress;

    ConsentEventsConsumer(BatchInbox inbox, EventData data, RequestProgressService progress) {
        this.inbox = inbox;
        this.data = data;
        this.progress = progress;
    }

    /**
     * A whole poll at a time: the bulk of this topic (every consent the widgets record) is none of this
     * service's business and is skipped by its type header; the rest goes through the inbox one by one.
     */
    @Incoming("consent-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        inbox.processEach(batch, OPTED_OUT, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!OPTED_OUT.equals(event.type())) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return;
        }
        OptedOut report = data.read(event, OptedOut.class);
        if (report.requestId() == null) {
            return;
        }
        progress.optedOut(data.account(event, report.accountId()), report, EventOrigin.of(event, report.optedOutAt()));
    }
}
