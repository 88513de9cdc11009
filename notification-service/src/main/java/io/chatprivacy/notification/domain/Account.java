package io.chatprivacy.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** This service's copy of an account: the registered owner address and whether it is active. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "owner_email", nullable = false)
    private String ownerEmail;

    @Column(nullable = false)
    private String status;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {}

    public static Account of(UUID id) {
        Account account = new Account();
        account.id = id;
        return account;
    }

    /** Takes the registry's latest state. */
    public void update(String name, String ownerEmail, String status, Instant at) {
        this.name = name;
        this.ownerEmail = ownerEmail;
        this.status = status;
        this.updatedAt = at;
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

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
