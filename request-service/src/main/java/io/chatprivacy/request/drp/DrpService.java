package io.chatprivacy.request.drp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.request.config.RequestConfig;
import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.service.PrivacyCenterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Covered Business side of the Data Rights Protocol for one account: pairing an authorized agent (§2.05),
 * taking its signed data rights requests (§2.01) through the privacy center's flows (an opt-out opens at once; the
 * other rights wait for the code mailed to the consumer, CCPA regs §7063), and the status the agent sees (§3.03).
 */
@ApplicationScoped
public class DrpService {

    private static final Logger LOG = Logger.getLogger(DrpService.class);

    /** The protocol version we speak (and put in the discovery document). */
    public static final String VERSION = "1.0";

    /** Clock skew allowed on {@code issued-at}. */
    static final Duration SKEW = Duration.ofMinutes(5);

    /** The longest validity window ({@code expires-at} − {@code issued-at}) taken; the spec recommends ≤ 10 min. */
    static final Duration MAX_WINDOW = Duration.ofHours(24);

    /** A data rights request's row. */
    record Row(
            UUID id,
            UUID accountId,
            String agentId,
            String agentRequestId,
            UUID intakeId,
            String deniedReason,
            Instant receivedAt) {}

    private final AuthorizedAgents agents;
    private final PrivacyCenterService center;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RequestConfig config;
    private final String privacyCenterUrl;

    DrpService(
            AuthorizedAgents agents,
            PrivacyCenterService center,
            EntityManager em,
            ObjectMapper mapper,
            Clock clock,
            RequestConfig config,
            @ConfigProperty(name = "drp.privacy-center-url") String privacyCenterUrl) {
        this.agents = agents;
        this.center = center;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
        this.privacyCenterUrl = privacyCenterUrl.replaceAll("/+$", "");
    }

    /** Pairing (§2.05): a message signed by the registered agent gets a new bearer token. */
    @Transactional
    public String pair(UUID accountId, String agentId, String body) {
        AuthorizedAgents.Agent agent =
                agents.find(accountId, agentId).orElseThrow(() -> DrpError.pairingRefused("unknown agent"));
        try {
            JsonNode claims = verified(agent, accountId, body);
            remember(body, instant(claims, "expires-at"));
        } catch (DrpError e) {
            throw DrpError.pairingRefused(e.getMessage());
        }
        LOG.infof("DRP agent %s of account %s paired", agentId, accountId);
        return agents.issueToken(accountId, agentId);
    }

    /** The agent a bearer token names (§2.06), or 403. */
    @Transactional
    public AuthorizedAgents.Agent agent(UUID accountId, String bearer) {
        return agents.byToken(accountId, bearer)
                .orElseThrow(() -> DrpError.of(403, "The bearer token is not one issued to an agent here."));
    }

    /** A data rights request (§2.01): the status object it starts with. */
    @Transactional
    public Map<String, Object> exercise(UUID accountId, String bearer, String body) {
        AuthorizedAgents.Agent agent = agent(accountId, bearer);
        JsonNode claims = verified(agent, accountId, body);
        remember(body, instant(claims, "expires-at"));
        String callback = text(claims, "status_callback");
        if (callback != null && !callback.startsWith(agent.callbackPrefix())) {
            throw DrpError.fatal(400, "status_callback does not start with the prefix registered for this agent.");
        }
        String agentRequestId = text(claims, "agent-request-id");
        if (agentRequestId != null && agentRequestId.length() > 200) {
            throw DrpError.fatal(400, "agent-request-id is longer than 200 characters.");
        }
        Instant now = now();
        UUID id = UUID.randomUUID();
        Optional<RequestType> type = DrpMapping.action(text(claims, "exercise"));
        DrpMapping.Reason denied = type.isEmpty()
                ? DrpMapping.Reason.claim_not_covered
                : DrpMapping.regimeDenial(text(claims, "regime")).orElse(null);
        UUID intakeId = null;
        if (denied == null) {
            String email = text(claims, "email");
            if (email == null
                    || !email.matches("[^\\s@<>,;\"]{1,64}@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+")
                    || email.length() > 320) {
                throw DrpError.fatal(
                        400, "The email claim is required: the consumer's address, where their code is mailed.");
            }
            intakeId = center.submit(
                            accountId,
                            new PrivacyCenterService.Submission(type.get(), email, null, null, null, agent.name()))
                    .intake()
                    .id();
        }
        Row row = new Row(
                id, accountId, agent.agentId(), agentRequestId, intakeId, denied == null ? null : denied.name(), now);
        DrpMapping.Seen seen = seen(row);
        em.createNativeQuery("""
                        insert into drp_request (id, account_id, agent_id, agent_request_id, intake_id, denied_reason,
                            received_at, status_callback, notified_status, notified_reason, callback_done)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id)
                .setParameter(2, accountId)
                .setParameter(3, agent.agentId())
                .setParameter(4, agentRequestId)
                .setParameter(5, intakeId)
                .setParameter(6, row.deniedReason())
                .setParameter(7, Timestamp.from(now))
                .setParameter(8, callback)
                .setParameter(9, seen.status().name())
                .setParameter(10, seen.reason().name())
                .setParameter(11, seen.isFinal())
                .executeUpdate();
        LOG.infof(
                "DRP request %s from agent %s of account %s: %s/%s",
                id, agent.agentId(), accountId, seen.status(), seen.reason());
        return statusObject(row, seen);
    }

    /** The status of one of the agent's requests (§2.02): 404 when none, 403 when another agent's. */
    @Transactional
    public Map<String, Object> status(UUID accountId, String bearer, UUID requestId) {
        AuthorizedAgents.Agent agent = agent(accountId, bearer);
        Row row = row(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> DrpError.of(404, "No such data rights request."));
        if (!row.agentId().equals(agent.agentId())) {
            throw DrpError.of(403, "This request is not managed by this agent.");
        }
        return statusObject(row, seen(row));
    }

    /**
     * Revoke (§2.04): the agent withdraws one of its requests, by a message signed like the others (its
     * {@code reason} is not kept: the consumer's words, and nothing here needs them). A request still waiting for
     * the consumer's code is withdrawn and never opens; one the business is already carrying out, or one that
     * ended, cannot be revoked (409, the status unchanged).
     *
     * @throws DrpError 404 when no such request, 403 when another agent's, 409 when it can no longer be revoked
     */
    @Transactional
    public Map<String, Object> revoke(UUID accountId, String bearer, UUID requestId, String body) {
        AuthorizedAgents.Agent agent = agent(accountId, bearer);
        JsonNode claims = verified(agent, accountId, body);
        Row row = row(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> DrpError.of(404, "No such data rights request."));
        if (!row.agentId().equals(agent.agentId())) {
            throw DrpError.of(403, "This request is not managed by this agent.");
        }
        String reason = text(claims, "reason");
        if (reason != null && reason.length() > 2000) {
            throw DrpError.fatal(400, "reason is longer than 2000 characters.");
        }
        remember(body, instant(claims, "expires-at"));
        ConsumerIntake intake = row.intakeId() == null
                ? null
                : em.find(ConsumerIntake.class, row.intakeId(), LockModeType.PESSIMISTIC_WRITE);
        if (intake == null || !intake.withdraw(now())) {
            DrpMapping.Seen seen = seen(row);
            throw DrpError.of(
                    409,
                    seen.isFinal()
                            ? "This request has ended (" + seen.status() + "); there is nothing to revoke."
                            : "The business is already carrying this request out; it can no longer be revoked.");
        }
        LOG.infof("DRP request %s revoked by agent %s of account %s", requestId, agent.agentId(), accountId);
        return statusObject(row, seen(row));
    }

    /** What the agent sees of a request now. */
    DrpMapping.Seen seen(Row row) {
        if (row.deniedReason() != null) {
            return new DrpMapping.Seen(DrpMapping.Status.denied, DrpMapping.Reason.valueOf(row.deniedReason()));
        }
        ConsumerIntake intake = em.find(ConsumerIntake.class, row.intakeId());
        if (intake.requestId() == null) {
            return DrpMapping.waiting(
                    intake.status(),
                    intake.codeExpiresAt(),
                    intake.codesIssued() < config.privacyCenter().maxCodes(),
                    now());
        }
        RightsRequest request = em.find(RightsRequest.class, intake.requestId());
        return DrpMapping.opened(request.status(), request.decline().declineReason());
    }

    /** The Exercise Status object (§3.03) for a request and what it shows. */
    Map<String, Object> statusObject(Row row, DrpMapping.Seen seen) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("request_id", row.id().toString());
        status.put("received_at", row.receivedAt().toString());
        if (row.agentRequestId() != null) {
            status.put("agent_request_id", row.agentRequestId());
        }
        status.put("status", seen.status().name());
        if (seen.reason() != DrpMapping.Reason.none) {
            status.put("reason", seen.reason().name());
        }
        if (row.intakeId() != null) {
            ConsumerIntake intake = em.find(ConsumerIntake.class, row.intakeId());
            if (intake.requestId() != null) {
                RightsRequest request = em.find(RightsRequest.class, intake.requestId());
                if (request.closedAt() == null) {
                    status.put("expected_by", request.effectiveDueAt().toString());
                }
            } else if (seen.reason() == DrpMapping.Reason.need_user_verification) {
                status.put(
                        "user_verification_url",
                        privacyCenterUrl + "/privacy/" + row.accountId() + "/intakes/" + intake.id());
                status.put(
                        "processing_details",
                        "We mailed the consumer a code; they confirm the request with it at the user_verification_url.");
            }
        }
        return status;
    }

    /** The request's row; none for a null id (a path that was no UUID). */
    Optional<Row> row(UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select id, account_id, agent_id, agent_request_id, intake_id, denied_reason, received_at"
                                + " from drp_request where id = ?1")
                .setParameter(1, id)
                .getResultList();
        return found.stream().findFirst().map(DrpService::toRow);
    }

    static Row toRow(Object[] r) {
        return new Row(
                (UUID) r[0],
                (UUID) r[1],
                (String) r[2],
                (String) r[3],
                (UUID) r[4],
                (String) r[5],
                r[6] instanceof Timestamp t ? t.toInstant() : (Instant) r[6]);
    }

    /**
     * Opens a signed message and checks it in the spec's order (§3.07): it decodes, its signature verifies under
     * the agent's key, it names this agent and this business and the protocol version we speak, it was issued (up to {@link #SKEW} ahead) and has
     * not expired. The business id is the account id.
     */
    private JsonNode verified(AuthorizedAgents.Agent agent, UUID accountId, String body) {
        if (DrpSignatures.decode(body).isEmpty()) {
            throw DrpError.of(400, "The body is not a base64-encoded signed message.");
        }
        byte[] message = DrpSignatures.open(body, agent.verifyKey())
                .orElseThrow(() -> DrpError.of(403, "The signature does not verify under the agent's key."));
        JsonNode claims;
        try {
            claims = mapper.readTree(message);
        } catch (IOException e) {
            throw DrpError.fatal(400, "The signed message is not JSON.");
        }
        if (claims == null || !claims.isObject()) {
            throw DrpError.fatal(400, "The signed message is not a JSON object.");
        }
        if (!agent.agentId().equals(text(claims, "agent-id"))) {
            throw DrpError.fatal(403, "agent-id does not name the agent the token or path names.");
        }
        if (!accountId.toString().equalsIgnoreCase(String.valueOf(text(claims, "business-id")))) {
            throw DrpError.fatal(403, "business-id does not name this business.");
        }
        if (!VERSION.equals(text(claims, "drp.version"))) {
            // the version names the message's shape; one we do not speak is not guessed at
            throw DrpError.fatal(400, "drp.version must be " + VERSION + ", the version this business speaks.");
        }
        Instant issued = instant(claims, "issued-at");
        Instant expires = instant(claims, "expires-at");
        Instant now = now();
        if (issued.isAfter(now.plus(SKEW))) {
            throw DrpError.fatal(403, "issued-at lies in the future.");
        }
        if (!now.isBefore(expires)) {
            throw DrpError.fatal(403, "The request expired at its expires-at.");
        }
        if (Duration.between(issued, expires).compareTo(MAX_WINDOW) > 0) {
            throw DrpError.fatal(400, "expires-at lies more than 24 hours after issued-at.");
        }
        return claims;
    }

    /** Records a signed message as taken; the same message again is a replay (409), until it expires. */
    private void remember(String body, Instant expiresAt) {
        String digest = AuthorizedAgents.sha256(DrpSignatures.decode(body).orElseThrow());
        em.createNativeQuery("delete from drp_seen_message where expires_at < ?1")
                .setParameter(1, Timestamp.from(now().minus(SKEW)))
                .executeUpdate();
        int taken = em.createNativeQuery(
                        "insert into drp_seen_message (digest, expires_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, digest)
                .setParameter(2, Timestamp.from(expiresAt))
                .executeUpdate();
        if (taken == 0) {
            throw DrpError.fatal(409, "This signed message was received before; a request is made once.");
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value == null || value.isNull() || !value.isTextual()
                ? null
                : value.asText().strip();
    }

    private static Instant instant(JsonNode claims, String name) {
        String value = text(claims, name);
        if (value == null) {
            throw DrpError.fatal(400, name + " is required (an ISO 8601 timestamp).");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw DrpError.fatal(400, name + " is not an ISO 8601 timestamp with an offset.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
