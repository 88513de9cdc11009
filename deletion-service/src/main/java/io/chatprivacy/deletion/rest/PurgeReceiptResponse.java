package io.chatprivacy.deletion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.deletion.domain.PurgeReceipt;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A purge receipt: no personal data. {@code deletedChatIdHashes}/{@code deletedTicketIdHashes} are hex
 * SHA-256 of {@code CHAT:<chatId>} / {@code TICKET:<ticketId>} (present on {@code GET .../receipt});
 * {@code deletedIdsDigest} is SHA-256 over all of them (raw bytes, chats then tickets, each sorted).
 * {@code skippedChatIds}/{@code skippedTicketIds} are the platform ids a legal hold kept, sorted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurgeReceiptResponse(
        UUID receiptId,
        UUID requestId,
        UUID jobId,
        String tag,
        String subjectSelector,
        int chatsDeleted,
        int ticketsDeleted,
        int chatsSkippedLegalHold,
        List<String> skippedChatIds,
        int ticketsSkippedLegalHold,
        List<String> skippedTicketIds,
        String authorisedBy,
        Instant authorisedAt,
        Instant completedAt,
        String deletedIdsDigest,
        List<String> deletedChatIdHashes,
        List<String> deletedTicketIdHashes) {

    static PurgeReceiptResponse of(PurgeReceipt receipt, List<String> chatHashes, List<String> ticketHashes) {
        return new PurgeReceiptResponse(
                receipt.id(),
                receipt.requestId(),
                receipt.jobId(),
                receipt.tag(),
                receipt.subjectSelector(),
                receipt.chatsDeleted(),
                receipt.ticketsDeleted(),
                receipt.chatsSkippedLegalHold(),
                receipt.skippedChatIds(),
                receipt.ticketsSkippedLegalHold(),
                receipt.skippedTicketIds(),
                receipt.authorisedBy(),
                receipt.authorisedAt(),
                receipt.completedAt(),
                receipt.deletedIdsDigest(),
                chatHashes,
                ticketHashes);
    }
}
