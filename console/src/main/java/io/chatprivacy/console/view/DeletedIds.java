package io.chatprivacy.console.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The SHA-256 of the deleted ids a receipt lists, as the page shows them: the count, and only the first
 * few (a purge may list hundreds of thousands), chats before tickets, in the receipt's order.
 *
 * @param total every hash the receipt lists
 * @param first the ones shown
 * @param notShown {@code total} minus those shown
 */
public record DeletedIds(int total, List<Line> first, int notShown) {

    /** Hashes the page shows at most. */
    public static final int SHOWN = 20;

    /** One hash: {@code CHAT} or {@code TICKET} and the hex SHA-256 of {@code <kind>:<id>}. */
    public record Line(String kind, String sha256) {}

    public static DeletedIds of(List<String> chatHashes, List<String> ticketHashes) {
        return of(chatHashes, ticketHashes, SHOWN);
    }

    static DeletedIds of(List<String> chatHashes, List<String> ticketHashes, int limit) {
        List<String> chats = chatHashes == null ? List.of() : chatHashes;
        List<String> tickets = ticketHashes == null ? List.of() : ticketHashes;
        List<Line> first = new ArrayList<>();
        for (String hash : chats) {
            if (first.size() == limit) {
                break;
            }
            first.add(new Line("CHAT", hash));
        }
        for (String hash : tickets) {
            if (first.size() == limit) {
                break;
            }
            first.add(new Line("TICKET", hash));
        }
        int total = chats.size() + tickets.size();
        return new DeletedIds(total, List.copyOf(first), total - first.size());
    }
}
