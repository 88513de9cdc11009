package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.domain.ArchivedTicket;
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
 * Takes archived tickets from the chat platform's {@code chat-tickets} topic ({@code ticket.archived.v1},
 * keyed by account id) into the vault.
 */
@ApplicationScoped
public class ChatTicketsConsumer {

    public static final String TYPE = "ticket.archived.v1";

    private final BatchInbox inbox;
    private final IngestService ingest;

    ChatTicketsConsumer(BatchInbox inbox, IngestService ingest) {
        this.inbox = inbox;
        this.ingest = ingest;
    }

    /** A whole poll at a time: one transaction for hundreds of tickets (see {@link BatchInbox}). */
    @Incoming("chat-tickets")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        inbox.process(batch, TYPE, ArchivedTicket.class, ArchivedTicket::accountId, ingest::ingestTickets);
    }
}
