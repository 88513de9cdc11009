package io.chatprivacy.deletion.rest;

/** Whether a ticket is under a legal hold. */
public record TicketLegalHoldResponse(String ticketId, boolean legalHold) {}
