package io.chatprivacy.notification.messaging.inbound;

import io.chatprivacy.notification.mail.CodeSeal;
import io.chatprivacy.notification.service.MailService;
import io.chatprivacy.notification.service.reports.AppealDecided;
import io.chatprivacy.notification.service.reports.AppealReceived;
import io.chatprivacy.notification.service.reports.ConsumerVerificationIssued;
import io.chatprivacy.notification.service.reports.RequestCompleted;
import io.chatprivacy.notification.service.reports.RequestDeadline;
import io.chatprivacy.notification.service.reports.RequestDeclined;
import io.chatprivacy.notification.service.reports.RequestExtended;
import io.chatprivacy.notification.service.reports.RequestOpened;
import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Sends the letters about rights requests that request-service announces on {@code request-events}: to
 * the consumer (at the address they gave, carried in the event) the receipt confirmation, extension,
 * decline and completion notices, the receipt and the decision of an appeal of a decline, and the code that confirms
 * a request made on the privacy center; to
 * the account owner (registered address) deadline reminders and overdue alerts, and the notices of
 * requests without a consumer (tag deletions).
 */
@ApplicationScoped
public class RequestEventsConsumer {

    static final String DECLINED = "request.declined.v1";
    static final String OPENED = "request.opened.v1";
    static final String EXTENDED = "request.extended.v1";
    static final String COMPLETED = "request.completed.v1";
    static final String APPROACHING = "request.deadline-approaching.v1";
    static final String BREACHED = "request.deadline-breached.v1";
    static final String CONSUMER_VERIFICATION_ISSUED = "request.consumer-verification-issued.v1";
    static final String APPEAL_RECEIVED = "request.appeal-received.v1";
    static final String APPEAL_DECIDED = "request.appeal-decided.v1";

    private static final Logger LOG = Logger.getLogger(RequestEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final EventData data;
    private final MailService mail;

    RequestEventsConsumer(IdempotentConsumer inbox, EventData data, MailService mail) {
        this.inbox = inbox;
        this.data = data;
        this.mail = mail;
    }

    @Incoming("request-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        try {
            route(event);
        } catch (CodeSeal.UnreadableCodeException e) {
            // a sealed code or status token that cannot be opened (a wrong transport key, a damaged event, a secret
            // sealed for another purpose): retrying cannot help; the dead-letter topic keeps it for replay
            throw new PoisonEventException("event " + event.id() + ": " + e.getMessage());
        }
    }

    private void route(IncomingEvent event) {
        switch (event.type()) {
            case OPENED -> {
                RequestOpened opened = data.read(event, RequestOpened.class);
                mail.queueReceiptConfirmation(
                        data.account(event, opened.accountId()), opened, EventOrigin.of(event, opened.receivedAt()));
            }
            case CONSUMER_VERIFICATION_ISSUED -> {
                ConsumerVerificationIssued issued = data.read(event, ConsumerVerificationIssued.class);
                mail.queueConsumerVerificationCode(
                        data.account(event, issued.accountId()), issued, EventOrigin.of(event, null));
            }
            case DECLINED -> {
                RequestDeclined declined = data.read(event, RequestDeclined.class);
                mail.queueDeclineNotice(
                        data.account(event, declined.accountId()),
                        declined,
                        EventOrigin.of(event, declined.declinedAt()));
            }
            case EXTENDED -> {
                RequestExtended extended = data.read(event, RequestExtended.class);
                mail.queueExtensionNotice(
                        data.account(event, extended.accountId()), extended, EventOrigin.of(event, null));
            }
            case COMPLETED -> {
                RequestCompleted completed = data.read(event, RequestCompleted.class);
                mail.queueCompletionNotice(
                        data.account(event, completed.accountId()),
                        completed,
                        EventOrigin.of(event, completed.completedAt()));
            }
            case APPEAL_RECEIVED -> {
                AppealReceived received = data.read(event, AppealReceived.class);
                mail.queueAppealReceivedNotice(
                        data.account(event, received.accountId()),
                        received,
                        EventOrigin.of(event, received.receivedAt()));
            }
            case APPEAL_DECIDED -> {
                AppealDecided decided = data.read(event, AppealDecided.class);
                mail.queueAppealDecisionNotice(
                        data.account(event, decided.accountId()), decided, EventOrigin.of(event, decided.decidedAt()));
            }
            case APPROACHING, BREACHED -> {
                RequestDeadline deadline = data.read(event, RequestDeadline.class);
                mail.queueDeadlineNotice(
                        data.account(event, deadline.accountId()),
                        deadline,
                        event.type().equals(BREACHED),
                        EventOrigin.of(event, null));
            }
            default -> LOG.debugf("No mail for event %s of type %s", event.id(), event.type());
        }
    }
}
