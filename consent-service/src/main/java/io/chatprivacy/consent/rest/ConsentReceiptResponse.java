package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.ConsentService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The visitor's receipt: keep {@code receiptId} to revoke later. */
public record ConsentReceiptResponse(
        UUID receiptId,
        String visitorId,
        int formVersion,
        List<String> consents,
        boolean optedOut,
        Instant recordedAt) {

    static ConsentReceiptResponse of(ConsentService.Receipt receipt) {
        return new ConsentReceiptResponse(
                receipt.receiptId(),
                receipt.visitorId(),
                receipt.formVersion(),
                receipt.consentIds(),
                receipt.optedOut(),
                receipt.recordedAt());
    }
}
