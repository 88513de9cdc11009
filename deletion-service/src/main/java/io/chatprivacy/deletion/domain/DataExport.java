package io.chatprivacy.deletion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One export of an ACCESS request: which items the consumer's copy holds (kept apart, as ids), how many, and
 * until when it can be read with its access token, of which only a keyed hash is kept. A request has one
 * export per attempt: the first when it opens, a further one each time a fresh copy is asked for; each
 * stands alone (own snapshot, token and expiry).
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
}
