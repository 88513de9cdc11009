package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.TicketContent;
import io.chatprivacy.deletion.domain.TranscriptMessage;
import io.chatprivacy.deletion.service.ArchiveService.Opened;
import java.time.Instant;
import java.util.List;

/** A ticket with its decrypted content, for the account's agents and owner. */
public record TicketResponse(
        String ticketId,
        Instant createdAt,
        Instant updatedAt,
        String status,
        boolean legalHold,
        List<String> tags,
        String visitorId,
        String requesterEmail,
        String requesterName,
        String subject,
        List<String> chatIds,
        List<TranscriptMessage> messages) {

    static TicketResponse of(Opened<TicketContent> ticket) {
        TicketContent content = ticket.content();
        return new TicketResponse(
                ticket.item().externalId(),
                ticket.item().startedOrCreatedAt(),
                ticket.item().endedAt(),
                ticket.item().status(),
                ticket.item().legalHold(),
                ticket.item().tags(),
                content.visitorId(),
                content.requesterEmail(),
                content.requesterName(),
                content.subject(),
                content.chatIds(),
                content.messages());
    }
}
