package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.domain.TagChange;
import io.chatprivacy.deletion.service.IngestService;
import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies tag changes from the chat platform's {@code chat-tags} topic ({@code tag.added.v1},
 * {@code tag.removed.v1}), keyed by account id so that one account's changes (an add, then a remove)
 * apply in the order they were made.
 */
@ApplicationScoped
public class ChatTagsConsumer {

    public static final String ADDED = "tag.added.v1";
    public static final String REMOVED = "tag.removed.v1";

    private static final Logger LOG = Logger.getLogger(ChatTagsConsumer.class);

    private final IdempotentConsumer inbox;
    private final EventData inbound;
    private final IngestService ingest;

    ChatTagsConsumer(IdempotentConsumer inbox, EventData inbound, IngestService ingest) {
        this.inbox = inbox;
        this.inbound = inbound;
        this.ingest = ingest;
    }

    @Incoming("chat-tags")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    void apply(IncomingEvent event) {
        boolean added = ADDED.equals(event.type());
        if (!added && !REMOVED.equals(event.type())) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return;
        }
        TagChangedData data = inbound.read(event, TagChangedData.class);
        UUID accountId = inbound.account(event, data.accountId());
        var result = ingest.changeTag(accountId, new TagChange(data.targetType(), data.targetId(), data.tag(), added));
        LOG.debugf("Tag change on %s %s of account %s: %s", data.targetType(), data.targetId(), accountId, result);
    }
}
