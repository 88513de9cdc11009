package io.chatprivacy.deletion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One export of an ACCESS request: which items the consumer's copy holds (kept apart, as ids), how many, from
 * which collection date on, and until when it can be opened with its access token, of which only a keyed hash
 * is kept. A request has one export per attempt: the first when it opens, a further one each time a fresh
 * copy is asked for; each stands alone (own snapshot, token and expiry).
 *
 * <p>The token alone opens nothing: the holder asks for a one-time code, mailed to the address the copy was
 * asked for, and presents token and code together. The code rules live here: one live code at a time (a new
 * one replaces it), valid for a fixed window, single use, a few codes per export at most, and the export
 * locks for good after a number of wrong codes (counted over all its codes).
 */
@Entity
@Table(name = "data_export")
public class DataExport {

    /** The attempt of the export made when the request opened; re-sends count on from 2. */
    public static final int FIRST_ATTEMPT = 1;

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "request_id", nullable = false)
    private UUID requestId;

    @Column(nullable = false)
    private int attempt;

    /** Null once the export expired and was swept: it can never be read again. */
    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "chat_count", nullable = false)
    private int chatCount;

    @Column(name = "ticket_count", nullable = false)
    private int ticketCount;

    @Column(name = "prepared_at", nullable = false)
    private Instant preparedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    /** Items collected before this are not in the copy; null for exports made before the range was kept. */
    @Column(name = "covers_from")
    private Instant coversFrom;

    /** The address the copy was asked for, sealed; null for exports from before, and once swept. */
    @Column(name = "subject_address")
    private byte[] subjectAddress;

    /** The live code's keyed hash; null when no code is live. */
    @Column(name = "code_hash")
    private byte[] codeHash;

    @Column(name = "code_expires_at")
    private Instant codeExpiresAt;

    @Column(name = "codes_issued", nullable = false)
    private int codesIssued;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "locked_at")
    private Instant lockedAt;

    @Column(name = "opened_count", nullable = false)
    private int openedCount;

    @Column(name = "last_opened_at")
    private Instant lastOpenedAt;

    /** Checks a presented code against the stored hash in constant time. */
    @FunctionalInterface
    public interface CodeCheck {
        boolean matches(UUID exportId, String presented, byte[] storedHash);
    }

    /** What presenting a code did. */
    public enum Opening {
        /** Right code: the copy may be shown; the code is used up. */
        OPENED,
        WRONG_CODE,
        /** Wrong code, and the last allowed try: the export locked now, for good. */
        LOCKED_NOW,
        LOCKED,
        /** No code is live: none was asked for, or the last one was used or replaced. */
        NO_CODE,
        /** The live code's window had passed (it is dead now). */
        CODE_EXPIRED
    }

    protected DataExport() {}

    public static DataExport prepare(
            UUID id, UUID accountId, UUID requestId, int attempt, byte[] tokenHash, Instant now, Duration ttl) {
        if (attempt < FIRST_ATTEMPT) {
            throw new IllegalArgumentException("an export's attempt counts from " + FIRST_ATTEMPT);
        }
        DataExport export = new DataExport();
        export.id = id;
        export.accountId = accountId;
        export.requestId = requestId;
        export.attempt = attempt;
        export.tokenHash = tokenHash.clone();
        export.preparedAt = now;
        export.expiresAt = now.plus(ttl);
        return export;
    }

    /** Which collection dates the copy covers, and the sealed address its codes go to. */
    public DataExport coveringFrom(Instant coversFrom, byte[] sealedAddress) {
        this.coversFrom = coversFrom;
        this.subjectAddress = sealedAddress.clone();
        return this;
    }

    /** Whether another code may be issued: live, not locked, fewer than {@code maxCodes} so far. */
    public boolean hasCodesLeft(int maxCodes) {
        return codesIssued < maxCodes;
    }

    /** A new code, which replaces the live one (if any); returns its number (1 for the first). */
    public int issueCode(byte[] hash, Instant now, Duration validity) {
        codeHash = hash.clone();
        codeExpiresAt = now.plus(validity);
        codesIssued++;
        return codesIssued;
    }

    /** Presents a code; the caller has checked the token and that the export has not expired. */
    public Opening present(String presented, CodeCheck check, Instant now, int maxAttempts) {
        if (lockedAt != null) {
            return Opening.LOCKED;
        }
        if (codeHash == null) {
            return Opening.NO_CODE;
        }
        if (!now.isBefore(codeExpiresAt)) {
            codeHash = null;
            return Opening.CODE_EXPIRED;
        }
        if (check.matches(id, presented, codeHash)) {
            codeHash = null;
            openedCount++;
            lastOpenedAt = now;
            return Opening.OPENED;
        }
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            codeHash = null;
            lockedAt = now;
            return Opening.LOCKED_NOW;
        }
        return Opening.WRONG_CODE;
    }

    public boolean isLocked() {
        return lockedAt != null;
    }

    public int remainingAttempts(int maxAttempts) {
        return Math.max(0, maxAttempts - failedAttempts);
    }

    /** What the snapshot holds. */
    public void recordCounts(int chats, int tickets) {
        this.chatCount = chats;
        this.ticketCount = tickets;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID requestId() {
        return requestId;
    }

    public int attempt() {
        return attempt;
    }

    public byte[] tokenHash() {
        return tokenHash;
    }

    public int chatCount() {
        return chatCount;
    }

    public int ticketCount() {
        return ticketCount;
    }

    public Instant preparedAt() {
        return preparedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant coversFrom() {
        return coversFrom;
    }

    public byte[] subjectAddress() {
        return subjectAddress;
    }

    public Instant codeExpiresAt() {
        return codeExpiresAt;
    }

    public int codesIssued() {
        return codesIssued;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    public int openedCount() {
        return openedCount;
    }
}
