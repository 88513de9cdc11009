package io.chatprivacy.deletion.domain;

import java.util.List;

/** The personal part of a chat, stored only encrypted under the chat's data key. */
public record ChatContent(
        String visitorId,
        String visitorEmail,
        String visitorName,
        List<String> agentIds,
        List<TranscriptMessage> messages) {

    /** The same chat with the visitor's email address corrected. */
    public ChatContent withVisitorEmail(String email) {
        return new ChatContent(visitorId, email, visitorName, agentIds, messages);
    }

    /** The same chat with the visitor's name corrected. */
    public ChatContent withVisitorName(String name) {
        return new ChatContent(visitorId, visitorEmail, name, agentIds, messages);
    }
}
