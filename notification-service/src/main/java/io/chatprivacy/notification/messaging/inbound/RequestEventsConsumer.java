package io.chatprivacy.notification.messaging.inbound;

import io.chatprivacy.notification.service.MailService;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Sends the decline notice when request-service announces a declined request ({@code request-events}). */
@ApplicationScoped
public class RequestEventsConsumer {

    static final String DECLINED = "request.declined.v1";

    /** Enough to refuse what is no single address (a list, a header injection); the relay judges the rest. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;\"]{1,64}@[^\\s@<>,;\"]{1,255}");

    private static final Logger LOG = Logger.getLogger(RequestEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final MailService mail;

    RequestEventsConsumer(IdempotentConsumer inbox, MailService mail) {
        this.inbox = inbox;
        this.mail = mail;
    }

    @Incoming("request-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!DECLINED.equals(event.type())) {
            LOG.debugf("No mail for event %s of type %s", event.id(), event.type());
            return;
        }
        RequestDeclined data = event.data(RequestDeclined.class);
        String subjectEmail = data.subjectEmail() == null || data.subjectEmail().isBlank()
                ? null
                : data.subjectEmail().strip();
        if (subjectEmail != null && !ADDRESS.matcher(subjectEmail).matches()) {
            throw new PoisonEventException("event " + event.id() + " has a subjectEmail that is no address");
        }
        mail.queueDeclineNotice(
                DeletionEventsConsumer.account(event, data.accountId()),
                DeletionEventsConsumer.required(event, data.requestId(), "requestId"),
                data.requestType(),
                data.tag(),
                subjectEmail,
                DeletionEventsConsumer.required(event, data.reason(), "reason"),
                data.note(),
                DeletionEventsConsumer.at(event, data.declinedAt()),
                event.id());
    }
}
