package io.chatprivacy.request.drp;

import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.persistence.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The authorized agents an account accepts (registered by its owner) and their pairwise bearer tokens (DRP §2.05:
 * issued on a signed pairing request; only the token's SHA-256 is kept).
 */
@ApplicationScoped
public class AuthorizedAgents {

    /** A registered agent. */
    public record Agent(
            UUID accountId, String agentId, String name, byte[] verifyKey, String callbackPrefix, Instant createdAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final AccountRepository accounts;
    private final Clock clock;

    AuthorizedAgents(EntityManager em, AccountRepository accounts, Clock clock) {
        this.em = em;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Registers (or replaces: a new key, name or prefix; its token then stops working) an agent of the account.
     */
    @Transactional
    public Agent register(UUID accountId, String agentId, String name, byte[] verifyKey, String callbackPrefix) {
        if (accounts.findByIdOptional(accountId).isEmpty()) {
            throw ProblemException.notFound("No account " + accountId + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                        insert into authorized_agent (account_id, agent_id, name, verify_key, callback_prefix, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (account_id, agent_id) do update set name = excluded.name,
                            verify_key = excluded.verify_key, callback_prefix = excluded.callback_prefix,
                            token_hash = null""")
                .setParameter(1, accountId)
                .setParameter(2, agentId)
                .setParameter(3, name)
                .setParameter(4, verifyKey)
                .setParameter(5, callbackPrefix)
                .setParameter(6, Timestamp.from(now))
                .executeUpdate();
        return find(accountId, agentId).orElseThrow();
    }

    @Transactional
    public List<Agent> list(UUID accountId) {
        return rows(
                "select account_id, agent_id, name, verify_key, callback_prefix, created_at from authorized_agent"
                        + " where account_id = ?1 order by agent_id",
                accountId,
                null);
    }

    /** Removes an agent; its requests' records go with it. */
    @Transactional
    public boolean delete(UUID accountId, String agentId) {
        return em.createNativeQuery("delete from authorized_agent where account_id = ?1 and agent_id = ?2")
                        .setParameter(1, accountId)
                        .setParameter(2, agentId)
                        .executeUpdate()
                > 0;
    }

    @Transactional
    public Optional<Agent> find(UUID accountId, String agentId) {
        return rows(
                        "select account_id, agent_id, name, verify_key, callback_prefix, created_at from authorized_agent"
                                + " where account_id = ?1 and agent_id = ?2",
                        accountId,
                        agentId)
                .stream()
                .findFirst();
    }

    /** The agent a bearer token was issued to, within the account. */
    @Transactional
    public Optional<Agent> byToken(UUID accountId, String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 200) {
            return Optional.empty();
        }
        return rows(
                        "select account_id, agent_id, name, verify_key, callback_prefix, created_at from authorized_agent"
                                + " where account_id = ?1 and token_hash = ?2",
                        accountId,
                        sha256(bearer.strip()))
                .stream()
                .findFirst();
    }

    /** A new token for the agent (the previous one stops working); the token itself is returned once. */
    @Transactional
    public String issueToken(UUID accountId, String agentId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.createNativeQuery("update authorized_agent set token_hash = ?3 where account_id = ?1 and agent_id = ?2")
                .setParameter(1, accountId)
                .setParameter(2, agentId)
                .setParameter(3, sha256(token))
                .executeUpdate();
        return token;
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Agent> rows(String sql, UUID accountId, String second) {
        var query = em.createNativeQuery(sql).setParameter(1, accountId);
        if (second != null) {
            query.setParameter(2, second);
        }
        return ((List<Object[]>) query.getResultList())
                .stream()
                        .map(r -> new Agent(
                                (UUID) r[0],
                                (String) r[1],
                                (String) r[2],
                                (byte[]) r[3],
                                (String) r[4],
                                r[5] instanceof Timestamp t ? t.toInstant() : (Instant) r[5]))
                        .toList();
    }
}
