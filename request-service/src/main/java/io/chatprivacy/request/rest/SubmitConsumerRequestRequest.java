package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import io.chatprivacy.request.domain.RequestType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request a consumer submits in the privacy center: the right, their address (where the code and the
 * letters go; required but for an opt-out or limit, which may name only the widget's visitor id), for a
 * correction what to correct, and the jurisdiction whose law the request is made under.
 */
public record SubmitConsumerRequestRequest(
        @NotNull RequestType type,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String email,

        @Size(min = 1, max = 64)
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a visitor id of letters, digits, _ and -")
        String visitorId,

        @Valid OpenRightsRequestRequest.Correction correction,

        /** The jurisdiction whose law the consumer asks under (CA, VA, CO, CT, OR, TX; any case); default CA. */
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter jurisdiction code such as CA or VA")
        String jurisdiction) {}
