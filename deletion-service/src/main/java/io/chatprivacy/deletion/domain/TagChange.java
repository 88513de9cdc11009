package io.chatprivacy.deletion.domain;

/**
 * A tag added to or removed from a chat or ticket ({@code tag.added.v1} / {@code tag.removed.v1} on
 * {@code chat-tags}, or {@code POST /accounts/{accountId}/tags}). The target need not be stored yet:
 * tag changes and archives travel on different topics.
 */
public record TagChange(ItemType targetType, String targetId, String tag, boolean added) {}
