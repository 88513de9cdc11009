package io.chatprivacy.deletion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An ACCESS request's export: which items the consumer's copy holds (kept apart, as ids), how many, and
 * until when it can be read with its access token, of which only a keyed hash is kept.
 */
@Entity
@Table(name = "data_export")
public class DataExport {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "request_id", nullable = false)
    private UUID requestId;

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
            UUID id, UUID accountId, UUID requestId, byte[] tokenHash, Instant now, Duration ttl) {
        DataExport export = new DataExport();
        export.id = id;
        export.accountId = accountId;
        export.requestId = requestId;
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
