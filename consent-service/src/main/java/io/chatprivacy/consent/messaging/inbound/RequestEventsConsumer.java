package io.chatprivacy.consent.messaging.inbound;

import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.service.OptOutService;
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
 * Applies opt-out and limit requests opened with request-service ({@code request.opened.v1} of type
 * {@code OPT_OUT} or {@code LIMIT}) to the ledger, exactly as an opt-out from the widget: no
 * verification. Other request types and events are not consent-service's business.
 */
@ApplicationScoped
public class RequestEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RequestEventsConsumer.class);
    static final String OPENED = "request.opened.v1";

    private final IdempotentConsumer inbox;
    private final EventData data;
    private final OptOutService optOuts;

    RequestEventsConsumer(IdempotentConsumer inbox, EventData data, OptOutService optOuts) {
        this.inbox = inbox;
        this.data = data;
        this.optOuts = optOuts;
    }

    @Incoming("request-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!OPENED.equals(event.type())) {
            return;
        }
        RequestOpened opened = data.read(event, RequestOpened.class);
        OptOutScope scope = scope(opened.requestType());
        if (scope == null) {
            return;
        }
        UUID accountId = data.account(event, opened.accountId());
        String visitorId = blankToNull(opened.subjectVisitorId());
        String email = blankToNull(opened.subjectEmail());
        if (visitorId == null && email == null) {
            throw new PoisonEventException(
                    "request " + opened.requestId() + " asks for an opt-out but names neither visitor nor email");
        }
        if (visitorId != null && !visitorId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new PoisonEventException("request " + opened.requestId() + " names a malformed visitor id");
        }
        UUID optOutId = optOuts.applyRequest(accountId, opened.requestId(), scope, visitorId, email);
        LOG.infof("Request %s applied as opt-out %s (%s)", opened.requestId(), optOutId, scope);
    }

    private static OptOutScope scope(String requestType) {
        if ("OPT_OUT".equals(requestType)) {
            return OptOutScope.SALE_SHARING;
        }
        if ("LIMIT".equals(requestType)) {
            return OptOutScope.LIMIT_SENSITIVE;
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
