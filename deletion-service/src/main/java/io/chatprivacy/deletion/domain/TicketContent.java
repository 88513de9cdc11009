package io.chatprivacy.deletion.domain;

import java.util.List;

/** The personal part of a ticket, stored only encrypted under the ticket's data key. */
public record TicketContent(
        String visitorId,
        String requesterEmail,
        String requesterName,
        String subject,
        List<String> chatIds,
        List<TranscriptMessage> messages) {}
