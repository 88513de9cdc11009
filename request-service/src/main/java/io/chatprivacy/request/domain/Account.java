package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A chat licence: the tenant every record and event belongs to. Holds the owner's registered
 * address (where verification codes go) and the hash of the widget key, never the key itself.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "owner_email", nullable = false)
    private String ownerEmail;

    @Column(name = "widget_key_hash", nullable = false)
    private String widgetKeyHash;

    /** Space-separated origins; origins cannot contain spaces. */
    @Column(name = "allowed_origins", nullable = false)
    private String allowedOrigins;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccountStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Account() {}

    public static Account register(
            UUID id, String name, String ownerEmail, String widgetKeyHash, List<String> allowedOrigins, Instant now) {
        Account account = new Account();
        account.id = id;
        account.name = name;
        account.ownerEmail = ownerEmail;
        account.widgetKeyHash = widgetKeyHash;
        account.allowedOrigins = String.join(" ", allowedOrigins);
        account.status = AccountStatus.ACTIVE;
        account.createdAt = now;
        account.updatedAt = now;
        return account;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String ownerEmail() {
        return ownerEmail;
    }

    public String widgetKeyHash() {
        return widgetKeyHash;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins.isBlank() ? List.of() : Arrays.asList(allowedOrigins.split(" "));
    }

    public AccountStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
