package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * A request a consumer submitted in the privacy center, from its receipt until it became a rights request.
 * Opt-outs and limits need nothing but the request (CCPA regs §7026, §7027) and open at once; access,
 * deletion and correction wait for the consumer to present the one-time code mailed to the address they gave
 * (regs §§7060–7062). The code is kept only as a keyed hash, expires, is single use (a new code replaces it)
 * and locks the intake after {@code maxAttempts} wrong tries. The receipt time is the request's: its clock
 * counts from it, not from verification.
 */
@Entity
@Table(name = "consumer_intake")
public class ConsumerIntake {

    /** Where an intake stands. */
    public enum Status {
        AWAITING_VERIFICATION,
        LOCKED,
        OPENED,
        /** Withdrawn before it was verified (an authorized agent revoked it): it never opens. */
        WITHDRAWN
    }

    /** What presenting a code came to. */
    public enum Outcome {
        VERIFIED,
        WRONG_CODE,
        LOCKED,
        EXPIRED,
        ALREADY_OPENED,
        WITHDRAWN
    }

    /** Why a new code is refused. */
    public enum CodeRefusal {
        TOO_MANY_CODES,
        ALREADY_OPENED,
        LOCKED,
        WITHDRAWN
    }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "request_type", nullable = false)
    private RequestType type;

    @Column(name = "subject_email")
    private String subjectEmail;

    @Column(name = "subject_visitor_id")
    private String subjectVisitorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "correction_field")
    private CorrectionField correctionField;

    @Column(name = "correction_value")
    private String correctionValue;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** The code of the jurisdiction pack the request is made under. */
    @Column(nullable = false)
    private String jurisdiction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "code_hash")
    private byte[] codeHash;

    @Column(name = "code_expires_at")
    private Instant codeExpiresAt;

    @Column(name = "codes_issued", nullable = false)
    private int codesIssued;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "request_id")
    private UUID requestId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The authorized agent that made the request for the consumer (Data Rights Protocol), or null. */
    @Column(name = "agent_name")
    private String agentName;

    protected ConsumerIntake() {}

    /** A submission received now, waiting for nothing yet (a code is issued, or the request opened, next). */
    public static ConsumerIntake receive(
            UUID id,
            UUID accountId,
            RequestType type,
            String subjectEmail,
            String subjectVisitorId,
            CorrectionField correctionField,
            String correctionValue,
            Instant receivedAt) {
        ConsumerIntake intake = new ConsumerIntake();
        intake.id = id;
        intake.accountId = accountId;
        intake.type = type;
        intake.subjectEmail = subjectEmail;
        intake.subjectVisitorId = subjectVisitorId;
        intake.correctionField = correctionField;
        intake.correctionValue = correctionValue;
        intake.receivedAt = receivedAt;
        intake.jurisdiction = "CA";
        intake.status = Status.AWAITING_VERIFICATION;
        intake.updatedAt = receivedAt;
        return intake;
    }

    /** {@link #receive}, for a request an authorized agent made: its request opens in the agent's name. */
    public static ConsumerIntake receiveFromAgent(
            UUID id, UUID accountId, RequestType type, String subjectEmail, String agentName, Instant receivedAt) {
        ConsumerIntake intake = receive(id, accountId, type, subjectEmail, null, null, null, receivedAt);
        intake.agentName = agentName;
        return intake;
    }

    /** The same intake made under another jurisdiction's law (its pack's code; California's unless said). */
    public ConsumerIntake under(String jurisdictionCode) {
        this.jurisdiction = jurisdictionCode;
        return this;
    }

    /**
     * Replaces the code (the previous one stops working) with one that is valid until {@code expiresAt}.
     *
     * @return the refusal, or null when the code was issued
     */
    public CodeRefusal issueCode(byte[] hash, Instant expiresAt, int maxCodes, Instant now) {
        if (status == Status.OPENED) {
            return CodeRefusal.ALREADY_OPENED;
        }
        if (status == Status.LOCKED) {
            return CodeRefusal.LOCKED;
        }
        if (status == Status.WITHDRAWN) {
            return CodeRefusal.WITHDRAWN;
        }
        if (codesIssued >= maxCodes) {
            return CodeRefusal.TOO_MANY_CODES;
        }
        codeHash = hash.clone();
        codeExpiresAt = expiresAt;
        codesIssued++;
        updatedAt = now;
        return null;
    }

    /**
     * Checks a presented code's hash against the one issued, in constant time. An expired code counts no
     * attempt; the {@code maxAttempts}-th wrong one locks the intake for good (a new code does not unlock it:
     * someone is guessing).
     */
    public Outcome present(byte[] presentedHash, Instant now, int maxAttempts) {
        if (status == Status.OPENED) {
            return Outcome.ALREADY_OPENED;
        }
        if (status == Status.LOCKED) {
            return Outcome.LOCKED;
        }
        if (status == Status.WITHDRAWN) {
            return Outcome.WITHDRAWN;
        }
        if (codeHash == null || !now.isBefore(codeExpiresAt)) {
            return Outcome.EXPIRED;
        }
        updatedAt = now;
        if (MessageDigest.isEqual(codeHash, presentedHash)) {
            verifiedAt = now;
            codeHash = null;
            return Outcome.VERIFIED;
        }
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            status = Status.LOCKED;
            codeHash = null;
            return Outcome.LOCKED;
        }
        return Outcome.WRONG_CODE;
    }

    /**
     * The rights request this intake became: verified, or at once when its jurisdiction's pack asks no
     * verification for its type (an opt-out or limit everywhere). An intake that was sent a code opens only
     * once verified.
     */
    public void opened(UUID requestId, Instant now) {
        if (codesIssued > 0 && verifiedAt == null) {
            throw new IllegalStateException("intake " + id + " was not verified");
        }
        this.requestId = requestId;
        this.status = Status.OPENED;
        this.codeHash = null;
        this.updatedAt = now;
    }

    /**
     * Withdraws the intake while it still waits for its code: it will never open, and its code stops working.
     *
     * @return whether it was withdrawn (false once verified and opened, locked, or withdrawn already)
     */
    public boolean withdraw(Instant now) {
        if (status != Status.AWAITING_VERIFICATION || verifiedAt != null) {
            return false;
        }
        status = Status.WITHDRAWN;
        codeHash = null;
        updatedAt = now;
        return true;
    }

    public int attemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - failedAttempts);
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public RequestType type() {
        return type;
    }

    public String subjectEmail() {
        return subjectEmail;
    }

    public String subjectVisitorId() {
        return subjectVisitorId;
    }

    public CorrectionField correctionField() {
        return correctionField;
    }

    public String correctionValue() {
        return correctionValue;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String jurisdiction() {
        return jurisdiction;
    }

    public Status status() {
        return status;
    }

    public Instant codeExpiresAt() {
        return codeExpiresAt;
    }

    public int codesIssued() {
        return codesIssued;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }

    public String agentName() {
        return agentName;
    }

    public UUID requestId() {
        return requestId;
    }
}
