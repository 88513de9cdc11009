package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A token that opens one request's status page for the consumer; only its SHA-256 (hex) is kept. */
@Entity
@Table(name = "request_status_token")
public class RequestStatusToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "request_id", nullable = false)
    private UUID requestId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RequestStatusToken() {}

    public RequestStatusToken(String tokenHash, UUID requestId, Instant createdAt) {
        this.tokenHash = tokenHash;
        this.requestId = requestId;
        this.createdAt = createdAt;
    }

    public UUID requestId() {
        return requestId;
    }
}
