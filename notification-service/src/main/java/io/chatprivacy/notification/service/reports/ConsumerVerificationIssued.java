package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of request-service's {@code request.consumer-verification-issued.v1} this service reads: a consumer
 * asked for a right on the privacy center, and the one-time code that confirms it goes to the address they gave.
 * The code is only ever here sealed (associated data {@code "consumer|" + intakeId}); this record never prints it
 * nor the address.
 *
 * @param requestType the right asked for (ACCESS, DELETE, CORRECT)
 * @param codeNumber 1 for the intake's first code, 2.. for new ones (each replaces the one before)
 */
public record ConsumerVerificationIssued(
        @NotNull UUID intakeId,
        UUID accountId,
        String requestType,
        @NotBlank @SingleAddress String subjectEmail,
        @NotNull String sealedCode,
        @NotNull Instant expiresAt,
        Integer codeNumber) {

    /** The address the code goes to, as the consumer gave it (without surrounding space). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    @Override
    public String toString() {
        return "ConsumerVerificationIssued[intakeId=" + intakeId + ", codeNumber=" + codeNumber + "]";
    }
}
