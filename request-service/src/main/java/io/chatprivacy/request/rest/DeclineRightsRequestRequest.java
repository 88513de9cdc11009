package io.chatprivacy.request.rest;

import io.chatprivacy.request.domain.DeclineReason;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Declines a rights request for a reason the law allows, with a note that explains it. */
public record DeclineRightsRequestRequest(
        @NotNull DeclineReason reason,
        @NotBlank @Size(max = 1000) String note) {}
