package io.chatprivacy.consent.rest;

import java.util.List;

/** The revocations an agent's request made (empty when nothing was still granted). */
public record RevocationsResponse(List<RevocationResponse> revocations) {}
