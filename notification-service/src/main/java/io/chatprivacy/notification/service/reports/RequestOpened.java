package io.chatprivacy.notification.service.reports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of request-service's {@code request.opened.v1} this service reads (for the receipt
 * confirmation). Never prints an address or a corrected value.
 *
 * @param correction for a CORRECT request, what is corrected to which value; null otherwise
 * @param sealedStatusToken for a request made on the privacy center, the token of its status page, sealed (associated
 *     data {@code "status|" + requestId}); null otherwise
 */
public record RequestOpened(
        @NotNull UUID requestId,
        UUID accountId,
        String requestType,
        String subjectEmail,
        Instant receivedAt,
        @NotNull Instant dueAt,
        @Valid Correction correction,
        String sealedStatusToken) {

    /**
     * Where the receipt confirmation goes, or null (a tag deletion, a visitor-only request): the consumer's
     * address, except for a request to correct their email address, whose {@code subjectEmail} (if any) is
     * the wrong address being replaced: the consumer is told at the corrected one.
     */
    public String receiptAddress() {
        if ("CORRECT".equals(requestType)
                && correction != null
                && "EMAIL".equals(correction.field())
                && correction.value() != null
                && !correction.value().isBlank()) {
            return SingleAddress.Check.normalise(correction.value());
        }
        return SingleAddress.Check.normalise(subjectEmail);
    }

    /** The receipt goes to one address or none: a list or a header injection is no address. */
    @AssertTrue
    public boolean isReceiptAddressSingle() {
        String address = receiptAddress();
        return address == null || SingleAddress.Check.isSingle(address);
    }

    @Override
    public String toString() {
        return "RequestOpened[requestId=" + requestId + "]";
    }

    /** A correction: {@code field} EMAIL or NAME, and the consumer's right {@code value}. */
    public record Correction(String field, String value) {

        @Override
        public String toString() {
            return "Correction[field=" + field + "]";
        }
    }
}
