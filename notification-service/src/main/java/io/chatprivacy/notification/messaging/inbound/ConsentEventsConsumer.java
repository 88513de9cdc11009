package io.chatprivacy.notification.messaging.inbound;

import io.chatprivacy.notification.service.SelfTestAlerts;
import io.chatprivacy.notification.service.reports.SelfTestFailed;
import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.inbox.BatchInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Alerts an account's owner when consent-service's opt-out self-test fails ({@code
 * consent.opt-out-self-test-failed.v1} on {@code consent-events}). Every other consent event is none of this
 * service's business.
 */
@ApplicationScoped
public class ConsentEventsConsumer {

    static final String SELF_TEST_FAILED = "consent.opt-out-self-test-failed.v1";

    private static final Logger LOG = Logger.getLogger(ConsentEventsConsumer.class);

    private final BatchInbox inbox;
    private final EventData data;
    private final SelfTestAlerts alerts;

    ConsentEventsConsumer(BatchInbox inbox, EventData data, SelfTestAlerts alerts) {
        this.inbox = inbox;
        this.data = data;
        this.alerts = alerts;
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
        inbox.processEach(batch, SELF_TEST_FAILED, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!SELF_TEST_FAILED.equals(event.type())) {
            LOG.debugf("No mail for event %s of type %s", event.id(), event.type());
            return;
        }
        SelfTestFailed failed = data.read(event, SelfTestFailed.class);
        alerts.queue(data.account(event, failed.accountId()), failed, EventOrigin.of(event, failed.failedAt()));
    }
}
