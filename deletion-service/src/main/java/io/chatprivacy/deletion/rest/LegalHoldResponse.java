package io.chatprivacy.deletion.rest;

/** Whether a chat is under a legal hold. */
public record LegalHoldResponse(String chatId, boolean legalHold) {}
