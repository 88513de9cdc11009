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

/**
 * Sends the letters about rights requests that request-service announces on {@code request-events}: to
 * the consumer (at the address they gave, carried in the event) the receipt confirmation, extension,
 * decline and completion notices; to the account owner (registered address) deadline reminders and
 * overdue alerts, and the notices of requests without a consumer (tag deletions).
 */
@ApplicationScoped
public class RequestEventsConsumer {

    static final String DECLINED = "request.declined.v1";
    static final String OPENED = "request.opened.v1";
    static final String EXTENDED = "request.extended.v1";
    static final String COMPLETED = "request.completed.v1";
    static final String APPROACHING = "request.deadline-approaching.v1";
    static final String BREACHED = "request.deadline-breached.v1";

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
        switch (event.type()) {
            case DECLINED -> declined(event);
            case OPENED -> {
                RequestOpened data = event.data(RequestOpened.class);
                String subjectEmail = address(event, receiptAddress(data));
                if (subjectEmail == null) {
                    // a tag deletion or a visitor-only request: no consumer address to confirm receipt to
                    return;
                }
                mail.queueReceiptConfirmation(
                        event.requireAccountId(data.accountId()),
                        DeletionEventsConsumer.required(event, data.requestId(), "requestId"),
                        data.requestType(),
                        subjectEmail,
                        DeletionEventsConsumer.at(event, data.receivedAt()),
                        DeletionEventsConsumer.required(event, data.dueAt(), "dueAt"),
                        event.id());
            }
            case EXTENDED -> {
                RequestExtended data = event.data(RequestExtended.class);
                mail.queueExtensionNotice(
                        event.requireAccountId(data.accountId()),
                        DeletionEventsConsumer.required(event, data.requestId(), "requestId"),
                        data.requestType(),
                        data.tag(),
                        address(event, data.subjectEmail()),
                        DeletionEventsConsumer.required(event, data.reason(), "reason"),
                        data.dueAt(),
                        DeletionEventsConsumer.required(event, data.extendedDueAt(), "extendedDueAt"),
                        event.id());
            }
            case COMPLETED -> {
                RequestCompleted data = event.data(RequestCompleted.class);
                String subjectEmail = address(event, data.subjectEmail());
                if (subjectEmail == null) {
                    // the owner already has the purge confirmation for a tag deletion
                    return;
                }
                mail.queueCompletionNotice(
                        event.requireAccountId(data.accountId()),
                        DeletionEventsConsumer.required(event, data.requestId(), "requestId"),
                        data.requestType(),
                        subjectEmail,
                        data.outcome(),
                        DeletionEventsConsumer.at(event, data.completedAt()),
                        event.id());
            }
            case APPROACHING, BREACHED -> {
                RequestDeadline data = event.data(RequestDeadline.class);
                mail.queueDeadlineNotice(
                        event.requireAccountId(data.accountId()),
                        DeletionEventsConsumer.required(event, data.requestId(), "requestId"),
                        data.requestType(),
                        data.status(),
                        DeletionEventsConsumer.required(event, data.dueAt(), "dueAt"),
                        data.daysLeft(),
                        Boolean.TRUE.equals(data.extended()),
                        event.type().equals(BREACHED),
                        event.id());
            }
            default -> LOG.debugf("No mail for event %s of type %s", event.id(), event.type());
        }
    }

    private void declined(IncomingEvent event) {
        RequestDeclined data = event.data(RequestDeclined.class);
        mail.queueDeclineNotice(
                event.requireAccountId(data.accountId()),
                DeletionEventsConsumer.required(event, data.requestId(), "requestId"),
                data.requestType(),
                data.tag(),
                address(event, data.subjectEmail()),
                DeletionEventsConsumer.required(event, data.reason(), "reason"),
                data.note(),
                DeletionEventsConsumer.at(event, data.declinedAt()),
                event.id());
    }

    /**
     * Where the receipt confirmation goes: the consumer's address, except for a request to correct their
     * email address, whose {@code subjectEmail} (if any) is the wrong address being replaced: the
     * consumer is told at the corrected one.
     */
    private static String receiptAddress(RequestOpened data) {
        RequestOpened.Correction correction = data.correction();
        if ("CORRECT".equals(data.requestType())
                && correction != null
                && "EMAIL".equals(correction.field())
                && correction.value() != null
                && !correction.value().isBlank()) {
            return correction.value();
        }
        return data.subjectEmail();
    }

    /** The consumer's address as the event carries it, or null; what is no single address is poison. */
    static String address(IncomingEvent event, String raw) {
        String address = raw == null || raw.isBlank() ? null : raw.strip();
        if (address != null && !ADDRESS.matcher(address).matches()) {
            throw new PoisonEventException("event " + event.id() + " has a subjectEmail that is no address");
        }
        return address;
    }
}
