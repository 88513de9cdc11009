package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ChatContent;
import io.chatprivacy.deletion.domain.TranscriptMessage;
import io.chatprivacy.deletion.service.ArchiveService.Opened;
import java.time.Instant;
import java.util.List;

/** A chat with its decrypted transcript, for the account's agents and owner. */
public record ChatResponse(
        String chatId,
        Instant startedAt,
        Instant endedAt,
        boolean legalHold,
        List<String> tags,
        String visitorId,
        String visitorEmail,
        String visitorName,
        List<String> agentIds,
        List<TranscriptMessage> messages) {

    static ChatResponse of(Opened<ChatContent> chat) {
        ChatContent content = chat.content();
        return new ChatResponse(
                chat.item().externalId(),
                chat.item().startedOrCreatedAt(),
                chat.item().endedAt(),
                chat.item().legalHold(),
                chat.item().tags(),
                content.visitorId(),
                content.visitorEmail(),
                content.visitorName(),
                content.agentIds(),
                content.messages());
    }
}
