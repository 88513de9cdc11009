package io.chatprivacy.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** consent-service's copy of an account: how to recognise its widget and where it may run. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private UUID id;

    @Column(name = "widget_key_sha256", nullable = false)
    private String widgetKeySha256;

    /** Space-separated origins. */
    @Column(name = "allowed_origins", nullable = false)
    private String allowedOrigins;

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
    public void update(String widgetKeySha256, List<String> allowedOrigins, String status, Instant at) {
        this.widgetKeySha256 = widgetKeySha256;
        this.allowedOrigins = String.join(" ", allowedOrigins);
        this.status = status;
        this.updatedAt = at;
    }

    public UUID id() {
        return id;
    }

    public String widgetKeySha256() {
        return widgetKeySha256;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins.isBlank() ? List.of() : Arrays.asList(allowedOrigins.split(" "));
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
