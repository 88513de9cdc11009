package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.domain.ArchivedChat;
import io.chatprivacy.deletion.service.IngestService;
import io.chatprivacy.platform.inbox.BatchInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes archived chats from the chat platform's {@code chat-transcripts} topic ({@code chat.archived.v1},
 * keyed by account id) into the vault.
 */
@ApplicationScoped
public class ChatTranscriptsConsumer {

    public static final String TYPE = "chat.archived.v1";

    private final BatchInbox inbox;
    private final IngestService ingest;

    ChatTranscriptsConsumer(BatchInbox inbox, IngestService ingest) {
        this.inbox = inbox;
        this.ingest = ingest;
    }

    /** A whole poll at a time: one transaction for hundreds of chats (see {@link BatchInbox}). */
    @Incoming("chat-transcripts")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        inbox.process(batch, TYPE, ArchivedChat.class, ArchivedChat::accountId, ingest::ingestChats);
    }
}
