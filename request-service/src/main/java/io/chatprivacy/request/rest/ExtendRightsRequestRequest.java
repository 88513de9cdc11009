package io.chatprivacy.request.rest;

import jakarta.validation.constraints.Size;

/**
 * Takes the one extension of a request's response period. The {@code reason} is told to the consumer;
 * a missing or blank one is refused with 422 ({@code extension-reason-required}).
 */
public record ExtendRightsRequestRequest(@Size(max = 1000) String reason) {}
