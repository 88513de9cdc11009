package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.export-code-issued.v1} this service reads: the holder of an
 * access copy's link asked for the one-time code that opens it, which goes to the address the copy was asked
 * for. The code is only ever here sealed (associated data {@code "export-code|" + exportId}); this record never
 * prints it nor the address.
 *
 * @param codeNumber 1 for the export's first code, 2.. for later ones (each replaces the one before)
 */
public record ExportCodeIssued(
        @NotNull UUID exportId,
        UUID requestId,
        UUID accountId,
        @NotBlank @SingleAddress String subjectEmail,
        @NotNull String sealedCode,
        Integer codeNumber,
        @NotNull Instant expiresAt) {

    /** The address the code goes to, as the consumer gave it (without surrounding space). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    @Override
    public String toString() {
        return "ExportCodeIssued[exportId=" + exportId + ", codeNumber=" + codeNumber + "]";
    }
}
