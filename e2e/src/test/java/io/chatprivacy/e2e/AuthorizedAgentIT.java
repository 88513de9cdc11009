package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An authorised agent through the Data Rights Protocol, on the packaged services: the demo owner registers the
 * agent's Ed25519 key, the agent pairs and sends signed requests. A signed opt-out is carried out by consent-service
 * and the agent's status callback (a real HTTP server in this test) hears {@code fulfilled}; a signed access request
 * mails the code to the consumer — not to the agent (CCPA regs §7063) — with the privacy center's code page, and the
 * agent sees {@code need_user_verification} until the consumer types it, then the copy is mailed and the agent sees
 * {@code fulfilled}.
 */
@Order(6)
class AuthorizedAgentIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("Your verification code: (\\d{8})");

    private static RunningSystem system;
    private static DemoCredentials demo;
    private static KeyPair keys;
    private static String agentId;
    private static HttpServer receiver;
    private static final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        demo = system.demo();
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        agentId = "E2E_AGENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/drp-callbacks", exchange -> {
            callbacks.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // X.509 of an Ed25519 key is a 12-byte header and the 32 raw bytes the protocol passes around
        byte[] encoded = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        RunningSystem.Response registered = system.call(
                "POST",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/authorized-agents",
                demo.ownerToken(),
                Map.of(
                        "agentId",
                        agentId,
                        "name",
                        "E2E Privacy Agent",
                        "verifyKey",
                        Base64.getEncoder().encodeToString(raw),
                        "callbackPrefix",
                        callbackBase()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aSignedOptOutIsCarriedOutAndTheCallbackHearsFulfilled() throws Exception {
        String token = pair();
        Map<String, Object> claims = request("sale:opt_out", "drp-optout-" + run() + "@example.com");
        claims.put("status_callback", callbackBase() + "/opt-out");
        RunningSystem.Response answered = exercise(token, claims);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        String drpId = answered.json().get("request_id").asText();
        assertThat(answered.json().get("status").asText()).isEqualTo("in_progress");

        // consent-service applies the opt-out, the request completes, the agent's status and callback follow
        await().atMost(WAIT)
                .until(() ->
                        "fulfilled".equals(status(token, drpId).get("status").asText()));
        await().atMost(WAIT)
                .until(() -> callbacks.stream()
                        .anyMatch(c -> drpId.equals(c.path("request_id").asText())
                                && "fulfilled".equals(c.path("status").asText())));
    }

    @Test
    void aSignedAccessRequestIsVerifiedWithTheConsumerNotTheAgent() throws Exception {
        MailServer mail = system.stack().mail().orElseThrow();
        String consumer = "drp-access-" + run() + "@example.com";
        String token = pair();
        RunningSystem.Response answered = exercise(token, request("access", consumer));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        JsonNode status = answered.json();
        String drpId = status.get("request_id").asText();
        assertThat(status.get("status").asText()).isEqualTo("in_progress");
        assertThat(status.get("reason").asText()).isEqualTo("need_user_verification");
        String codePage = status.get("user_verification_url").asText();
        assertThat(codePage).contains("/privacy/" + demo.accountId() + "/intakes/");
        String intakeId = codePage.substring(codePage.lastIndexOf('/') + 1);

        // the code goes to the consumer, with the page to type it on
        await().atMost(WAIT).until(() -> codeMail(mail, consumer).isPresent());
        String text = Mails.decoded(codeMail(mail, consumer).orElseThrow());
        assertThat(text).contains(codePage);
        Matcher code = CODE.matcher(text);
        assertThat(code.find()).isTrue();
        assertThat(status(token, drpId).get("reason").asText()).isEqualTo("need_user_verification");

        RunningSystem.Response verified = system.call(
                "POST",
                Service.REQUEST,
                "/privacy-center/" + demo.accountId() + "/intakes/" + intakeId + "/verification",
                null,
                Map.of("code", code.group(1)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(201);
        String requestId = verified.json().get("requestId").asText();
        RunningSystem.Response request = system.call(
                "GET",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests/" + requestId,
                demo.agentToken(),
                null);
        assertThat(request.json().get("channel").asText()).isEqualTo("AUTHORIZED_AGENT");
        assertThat(request.json().get("agentName").asText()).isEqualTo("E2E Privacy Agent");
        // the copy is mailed to the consumer, and the agent sees the request fulfilled
        await().atMost(WAIT)
                .until(() ->
                        "fulfilled".equals(status(token, drpId).get("status").asText()));
        assertThat(mail.messagesTo(consumer).stream().map(Mails::subject))
                .anyMatch(s -> s.startsWith("Your chat data"));
        // the copy's link went to the consumer alone (never the agent), and opens with a code mailed to the consumer
        MimeMessage accessMail = Copies.awaitAccessMails(mail, consumer, 1).get(0);
        assertThat(Mails.recipients(accessMail)).containsExactly(consumer);
        JsonNode copy = Copies.follow(system, mail, consumer, accessMail);
        assertThat(copy.get("chats")).isEmpty();
        assertThat(copy.get("tickets")).isEmpty();
    }

    private static Optional<MimeMessage> codeMail(MailServer mail, String consumer) {
        return mail.messagesTo(consumer).stream()
                .filter(m -> Mails.subject(m).startsWith("Your code to confirm your privacy request"))
                .findFirst();
    }

    private static String callbackBase() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/drp-callbacks";
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String pair() throws Exception {
        RunningSystem.Response paired = system.raw(
                "POST",
                Service.REQUEST,
                "/drp/" + demo.accountId() + "/v1/agent/" + agentId,
                Map.of(),
                signed(claims()),
                "text/plain");
        assertThat(paired.status()).as(paired.body()).isEqualTo(200);
        return paired.json().get("token").asText();
    }

    private static RunningSystem.Response exercise(String token, Map<String, Object> claims) throws Exception {
        return system.raw(
                "POST",
                Service.REQUEST,
                "/drp/" + demo.accountId() + "/v1/data-rights-request",
                Map.of("Authorization", "Bearer " + token),
                signed(claims),
                "text/plain");
    }

    private static JsonNode status(String token, String drpId) {
        RunningSystem.Response answer = system.call(
                "GET", Service.REQUEST, "/drp/" + demo.accountId() + "/v1/data-rights-request/" + drpId, token, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("agent-id", agentId);
        claims.put("business-id", demo.accountId());
        claims.put("issued-at", Instant.now().toString());
        claims.put("expires-at", Instant.now().plusSeconds(600).toString());
        claims.put("drp.version", "1.0");
        claims.put("nonce", UUID.randomUUID().toString());
        return claims;
    }

    private static Map<String, Object> request(String exercise, String email) {
        Map<String, Object> claims = claims();
        claims.put("agent-request-id", "e2e-" + run());
        claims.put("exercise", exercise);
        claims.put("regime", "ccpa");
        claims.put("relationships", List.of("customer"));
        claims.put("name", "Consumer Name");
        claims.put("email", email);
        claims.put("email_verified", true);
        return claims;
    }

    /** The protocol's signed message: base64 of the Ed25519 signature followed by the JSON it signs. */
    private static String signed(Map<String, Object> claims) throws Exception {
        byte[] message = JSON.writeValueAsBytes(claims);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        byte[] combined = Arrays.copyOf(signature, signature.length + message.length);
        System.arraycopy(message, 0, combined, signature.length, message.length);
        return Base64.getEncoder().encodeToString(combined);
    }
}
