package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.export-ready.v1} this service reads. The token is
 * only ever here sealed; this record never prints it nor the address. {@code coversFrom} (added within v1) may
 * be absent.
 */
public record ExportReady(
        @NotNull UUID exportId,
        @NotNull UUID requestId,
        UUID accountId,
        @NotBlank @SingleAddress String subjectEmail,
        long chatCount,
        long ticketCount,
        @NotNull String sealedToken,
        Instant preparedAt,
        @NotNull Instant expiresAt,
        Instant coversFrom) {

    /** The address the copy goes to, as the consumer gave it (without surrounding space). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    @Override
    public String toString() {
        return "ExportReady[exportId=" + exportId + ", requestId=" + requestId + "]";
    }
}
