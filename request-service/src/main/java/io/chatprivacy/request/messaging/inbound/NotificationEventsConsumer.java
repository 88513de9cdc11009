package io.chatprivacy.request.messaging.inbound;

import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.chatprivacy.request.service.RequestProgressService;
import io.chatprivacy.request.service.reports.NotificationOutcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Records in each request's timeline whether the mails about it were delivered ({@code notification-events}). */
@ApplicationScoped
public class NotificationEventsConsumer {

    static final String SENT = "notification.sent.v1";
    static final String FAILED = "notification.failed.v1";

    private static final Logger LOG = Logger.getLogger(NotificationEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final EventData data;
    private final RequestProgressService progress;

    NotificationEventsConsumer(IdempotentConsumer inbox, EventData data, RequestProgressService progress) {
        this.inbox = inbox;
        this.data = data;
        this.progress = progress;
    }

    @Incoming("notification-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!event.type().equals(SENT) && !event.type().equals(FAILED)) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return;
        }
        NotificationOutcome report = data.read(event, NotificationOutcome.class);
        if (report.requestId() == null) {
            // a mail about no rights request (none exist yet) has no timeline to go to
            LOG.debugf("Notification event %s is about no request", event.id());
            return;
        }
        UUID accountId = data.account(event, report.accountId());
        if (event.type().equals(SENT)) {
            progress.notificationSent(accountId, report, EventOrigin.of(event, report.sentAt()));
        } else {
            progress.notificationFailed(accountId, report, EventOrigin.of(event, report.failedAt()));
        }
    }
}
