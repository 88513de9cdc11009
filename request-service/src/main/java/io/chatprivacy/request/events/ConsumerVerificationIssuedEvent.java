package io.chatprivacy.request.events;

import io.chatprivacy.platform.events.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A consumer who submitted a request in the privacy center is sent a one-time code to prove the address they
 * gave ({@code request.consumer-verification-issued.v1}, on {@code request-events}). Key: the account id;
 * CloudEvents subject: the intake id (no request exists before the code is presented).
 *
 * <p>The code travels only sealed ({@code sealedCode}: AES-256-GCM under {@code CODE_TRANSPORT_KEY}, associated
 * data {@code "consumer|" + intakeId}); notification-service opens it to mail it to {@code subjectEmail}, the
 * address to prove, and stores it sealed until sent.
 *
 * @param requestType the right asked for: ACCESS, DELETE or CORRECT
 * @param expiresAt when the code stops working
 * @param codeNumber 1 for the first code of the intake, 2 and up for each new one asked for
 */
public record ConsumerVerificationIssuedEvent(
        UUID intakeId,
        UUID accountId,
        String requestType,
        String subjectEmail,
        String sealedCode,
        Instant expiresAt,
        int codeNumber)
        implements DomainEvent {

    public static final String TYPE = "request.consumer-verification-issued.v1";

    @Override
    public String topic() {
        return RequestEvent.TOPIC;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return intakeId.toString();
    }
}
