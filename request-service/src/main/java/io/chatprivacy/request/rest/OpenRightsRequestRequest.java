package io.chatprivacy.request.rest;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Opens a rights request. A deletion names exactly one scope: a {@code tag} (everything the agents
 * tagged with it) or a data subject's {@code subjectEmail} (all their chats and tickets), the latter
 * optionally with the widget's {@code subjectVisitorId}. Every other type names the consumer by
 * {@code subjectEmail} and/or {@code subjectVisitorId}: an access request and a name correction need the
 * email, an email correction the visitor id (the address being corrected cannot identify the consumer);
 * a correction says what to correct; a request through an authorised agent names the agent and whether
 * they showed signed permission. {@code receivedAt} is when the request arrived, if before it was logged;
 * {@code jurisdiction} whose law it is made under.
 * Text that names something is held to the platform's {@link TextRules#NAME} rule and lengths.
 */
public record OpenRightsRequestRequest(
        @NotNull RequestType type,

        @Size(max = MaxLength.TAG) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String tag,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String subjectEmail,

        @Size(min = 1, max = 128)
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be a visitor id of letters, digits and . _ : -")
        String subjectVisitorId,

        @NotNull RequestChannel channel,

        /** The authorised agent's name; required with channel AUTHORIZED_AGENT, refused otherwise. */
        @Size(max = MaxLength.NAME) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String agentName,

        /** Whether the agent showed the consumer's signed permission; required with AUTHORIZED_AGENT. */
        Boolean signedPermission,

        /** For a CORRECT request: which field and its corrected value. */
        @Valid Correction correction,

        /**
         * When the request reached the business (by mail or phone, before an agent logged it); defaults to
         * now. The statutory clock counts from it.
         */
        Instant receivedAt,

        /**
         * The jurisdiction whose law the request is made under, as a pack's two-letter code (CA, VA, CO, CT, OR,
         * TX; any case); defaults to {@code request.default-jurisdiction}. It decides the rights, clocks and appeal.
         */
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter jurisdiction code such as CA or VA")
        String jurisdiction) {

    /** An opening without a jurisdiction: the default one. */
    public OpenRightsRequestRequest(
            RequestType type,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            RequestChannel channel,
            String agentName,
            Boolean signedPermission,
            Correction correction,
            Instant receivedAt) {
        this(
                type,
                tag,
                subjectEmail,
                subjectVisitorId,
                channel,
                agentName,
                signedPermission,
                correction,
                receivedAt,
                null);
    }

    /**
     * A correction: the field to fix and the value the consumer says is right. Named in the OpenAPI document
     * explicitly: the answer's {@link RightsRequestResponse.Correction} has the same simple name, and which one
     * got the plain name depended on the order classes were scanned in.
     */
    @Schema(name = "Correction")
    public record Correction(
            @NotNull CorrectionField field,

            /** A name or an address: as long as an address may be. */
            @NotNull @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
            String value) {}
}
