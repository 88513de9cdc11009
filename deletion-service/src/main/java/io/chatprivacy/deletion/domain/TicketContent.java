package io.chatprivacy.deletion.domain;

import java.util.List;

/** The personal part of a ticket, stored only encrypted under the ticket's data key. */
public record TicketContent(
        String visitorId,
        String requesterEmail,
        String requesterName,
        String subject,
        List<String> chatIds,
        List<TranscriptMessage> messages) {

    /** The same ticket with the requester's email address corrected. */
    public TicketContent withRequesterEmail(String email) {
        return new TicketContent(visitorId, email, requesterName, subject, chatIds, messages);
    }

    /** The same ticket with the requester's name corrected. */
    public TicketContent withRequesterName(String name) {
        return new TicketContent(visitorId, requesterEmail, name, subject, chatIds, messages);
    }
}
