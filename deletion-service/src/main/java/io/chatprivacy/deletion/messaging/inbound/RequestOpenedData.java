package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The fields of request-service's {@code request.opened.v1} this service reads. The tag and the correction value
 * are held to the text rule and lengths of request-service's API (a tag is as long here as on the platform's
 * items); a blank address or visitor id reads as none.
 *
 * @param correction for a CORRECT request, the field to fix and its corrected value; else null
 */
public record RequestOpenedData(
        UUID requestId,
        UUID accountId,
        String requestType,

        @Size(max = MaxLength.TAG) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String tag,

        String subjectEmail,
        String subjectVisitorId,
        @Valid Correction correction) {

    /** What a CORRECT request fixes: {@code field} is {@code EMAIL} or {@code NAME}. */
    public record Correction(
            String field,

            @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
            String value) {}
}
