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

/** Records in each request's timeline whether the mails about it were delivered ({@code notification-events}). */
@ApplicationScoped
public class NotificationEventsConsumer {

    static final String SENT = "notification.sent.v1";
    static final String FAILED = "notification.failed.v1";

    private static final Logger LOG = Logger.getLogger(NotificationEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final RequestProgressService progress;

    NotificationEventsConsumer(IdempotentConsumer inbox, RequestProgressService progress) {
        this.inbox = inbox;
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
        NotificationOutcome data = event.data(NotificationOutcome.class);
        if (data.requestId() == null) {
            // a mail about no rights request (none exist yet) has no timeline to go to
            LOG.debugf("Notification event %s is about no request", event.id());
            return;
        }
        UUID accountId = event.requireAccountId(data.accountId());
        UUID notificationId = DeletionEventsConsumer.required(event, data.notificationId(), "notificationId");
        int attempts = data.attempts() == null ? 0 : data.attempts();
        if (event.type().equals(SENT)) {
            progress.notificationSent(
                    accountId,
                    data.requestId(),
                    notificationId,
                    data.template(),
                    attempts,
                    DeletionEventsConsumer.source(event, data.sentAt()));
        } else {
            progress.notificationFailed(
                    accountId,
                    data.requestId(),
                    notificationId,
                    data.template(),
                    attempts,
                    data.reason() == null ? "UNKNOWN" : data.reason(),
                    Boolean.TRUE.equals(data.willRetry()),
                    DeletionEventsConsumer.source(event, data.failedAt()));
        }
    }
}
