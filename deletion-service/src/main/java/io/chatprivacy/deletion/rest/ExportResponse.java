package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.AuthorType;
import io.chatprivacy.deletion.domain.ChatContent;
import io.chatprivacy.deletion.domain.TicketContent;
import io.chatprivacy.deletion.domain.TranscriptMessage;
import io.chatprivacy.deletion.service.ArchiveService.Opened;
import io.chatprivacy.deletion.service.ExportService.Contents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A consumer's copy of their chats and tickets (contract {@code contracts/http/deletion-service.export.v1.json}):
 * what the consumer said and was told, who they were to the business, when; no agent ids (staff data),
 * no tags, no internal ids. {@code coversFrom}: what was collected from then on is in the copy (null for an
 * export made before the range was recorded).
 */
public record ExportResponse(
        UUID exportId,
        UUID requestId,
        UUID accountId,
        Instant preparedAt,
        Instant expiresAt,
        Instant coversFrom,
        List<Chat> chats,
        List<Ticket> tickets) {

    /** One chat of the export. */
    public record Chat(
            String chatId,
            Instant startedAt,
            Instant endedAt,
            String visitorId,
            String visitorName,
            String visitorEmail,
            List<Message> messages) {}

    /** One ticket of the export. */
    public record Ticket(
            String ticketId,
            String subject,
            String status,
            Instant createdAt,
            String visitorId,
            String requesterName,
            String requesterEmail,
            List<Message> messages) {}

    /** One message, without its author's id. */
    public record Message(AuthorType authorType, String text, Instant sentAt) {}

    static ExportResponse of(Contents contents) {
        return new ExportResponse(
                contents.export().id(),
                contents.export().requestId(),
                contents.export().accountId(),
                contents.export().preparedAt(),
                contents.export().expiresAt(),
                contents.export().coversFrom(),
                contents.chats().stream().map(ExportResponse::chat).toList(),
                contents.tickets().stream().map(ExportResponse::ticket).toList());
    }

    private static Chat chat(Opened<ChatContent> chat) {
        ChatContent content = chat.content();
        return new Chat(
                chat.item().externalId(),
                chat.item().startedOrCreatedAt(),
                chat.item().endedAt(),
                content.visitorId(),
                content.visitorName(),
                content.visitorEmail(),
                messages(content.messages()));
    }

    private static Ticket ticket(Opened<TicketContent> ticket) {
        TicketContent content = ticket.content();
        return new Ticket(
                ticket.item().externalId(),
                content.subject(),
                ticket.item().status(),
                ticket.item().startedOrCreatedAt(),
                content.visitorId(),
                content.requesterName(),
                content.requesterEmail(),
                messages(content.messages()));
    }

    private static List<Message> messages(List<TranscriptMessage> messages) {
        return messages == null
                ? List.of()
                : messages.stream()
                        .map(m -> new Message(m.authorType(), m.text(), m.sentAt()))
                        .toList();
    }
}
