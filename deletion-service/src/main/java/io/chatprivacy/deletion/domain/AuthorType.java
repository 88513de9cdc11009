package io.chatprivacy.deletion.domain;

/** Who wrote a message of a transcript. */
public enum AuthorType {
    VISITOR,
    AGENT,
    BOT,
    SYSTEM
}
