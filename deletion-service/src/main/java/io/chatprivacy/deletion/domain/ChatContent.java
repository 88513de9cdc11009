package io.chatprivacy.deletion.domain;

import java.util.List;

/** The personal part of a chat, stored only encrypted under the chat's data key. */
public record ChatContent(
        String visitorId,
        String visitorEmail,
        String visitorName,
        List<String> agentIds,
        List<TranscriptMessage> messages) {}
