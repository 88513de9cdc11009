package io.chatprivacy.notification.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The fields of deletion-service's export ({@code GET /exports/{exportId}}) this service renders into the
 * access mail: every chat and ticket of the consumer, with who wrote what and when. Held in memory only
 * while the mail is sent; never stored, never logged ({@link #toString()} names ids and counts only).
 * Unknown fields are ignored: the producer may add fields within the contract's version.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportDocument(
        UUID exportId,
        UUID requestId,
        UUID accountId,
        Instant preparedAt,
        Instant expiresAt,
        List<Chat> chats,
        List<Ticket> tickets) {

    public ExportDocument {
        chats = chats == null ? List.of() : List.copyOf(chats);
        tickets = tickets == null ? List.of() : List.copyOf(tickets);
    }

    @Override
    public String toString() {
        return "ExportDocument[exportId=" + exportId + ", chats=" + chats.size() + ", tickets=" + tickets.size() + "]";
    }

    /** One chat transcript. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chat(
            String chatId,
            Instant startedAt,
            Instant endedAt,
            String visitorId,
            String visitorName,
            String visitorEmail,
            List<Message> messages) {

        public Chat {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }

        @Override
        public String toString() {
            return "Chat[" + chatId + "]";
        }
    }

    /** One ticket with its replies. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ticket(
            String ticketId,
            String subject,
            String status,
            Instant createdAt,
            String visitorId,
            String requesterName,
            String requesterEmail,
            List<Message> messages) {

        public Ticket {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }

        @Override
        public String toString() {
            return "Ticket[" + ticketId + "]";
        }
    }

    /** One message of a chat or ticket; the author is a kind of author, never a person's id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String authorType, String text, Instant sentAt) {

        /** Who wrote it, in the words a consumer reads: Visitor, Agent, Bot, System. */
        public String author() {
            if (authorType == null || authorType.isBlank()) {
                return "Unknown";
            }
            String type = authorType.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
            return Character.toUpperCase(type.charAt(0)) + type.substring(1);
        }

        @Override
        public String toString() {
            return "Message[" + authorType + "]";
        }
    }
}
