package io.chatprivacy.deletion.domain;

/** What the vault holds: chats and tickets. */
public enum ItemType {
    CHAT,
    TICKET
}
