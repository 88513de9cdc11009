package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Keycloak;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.SignIn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through the stack's OpenID Connect provider: Keycloak's access tokens (here by the password grant of the
 * {@code demo-cli} client; the console will use the authorization-code flow of the {@code console} client) are
 * accepted by the services through Keycloak's JWKS, with the same account and role rules as the launcher's own tokens.
 */
@Order(4)
class SignInIT {

    private static RunningSystem system;
    private static Keycloak keycloak;
    private static SignIn signIn;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        keycloak = system.stack().oidc().orElseThrow(() -> new AssertionError("the stack started no Keycloak"));
        signIn = system.stack().signIn().orElseThrow(() -> new AssertionError("Keycloak's realm was not set up"));
    }

    @Test
    void theDemoOwnerSignsInAndReadsItsAccountWithKeycloaksToken() {
        DemoCredentials demo = system.demo();
        String token = keycloak.passwordToken(signIn.ownerUsername(), signIn.ownerPassword());

        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(signIn.issuer());
        assertThat(claims.path("account_id").asText()).isEqualTo(demo.accountId());
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly("owner");
        assertThat(claims.path("aud").toString()).contains(Keycloak.AUDIENCE);

        RunningSystem.Response own = system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), token, null);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("name").asText()).isEqualTo("Demo Shop");

        // the launcher's own tokens still work beside the provider's
        assertThat(system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), demo.ownerToken(), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theDemoAgentsTokenCarriesTheAgentRole() {
        DemoCredentials demo = system.demo();
        String token = keycloak.passwordToken(signIn.agentUsername(), signIn.agentPassword());

        assertThat(claims(token).path("groups")).extracting(JsonNode::asText).containsExactly("agent");
        assertThat(system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), token, null)
                        .status())
                .isEqualTo(200);
        // registering accounts is the operator's (admin), not an agent's
        RunningSystem.Response register = system.call(
                "POST",
                Service.REQUEST,
                "/accounts",
                token,
                Map.of("name", "Agent Shop", "ownerEmail", "o@agent.example", "allowedOrigins", List.of()));
        assertThat(register.status()).isEqualTo(403);
    }

    @Test
    void anAgentOfAnotherAccountIsForbiddenOnTheDemoAccount() {
        DemoCredentials demo = system.demo();
        RunningSystem.Response created = system.call(
                "POST",
                Service.REQUEST,
                "/accounts",
                system.stack().jwt().adminToken(),
                Map.of(
                        "name",
                        "Elsewhere Shop",
                        "ownerEmail",
                        "owner@elsewhere.example",
                        "allowedOrigins",
                        List.of("https://elsewhere.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String otherAccount = created.json().get("accountId").asText();
        String password = "Pw-" + Long.toHexString(System.nanoTime());
        keycloak.createUser("agent@elsewhere.example", password, Keycloak.AGENT_ROLE, otherAccount);
        String token = keycloak.passwordToken("agent@elsewhere.example", password);

        assertThat(system.call("GET", Service.REQUEST, "/accounts/" + otherAccount, token, null)
                        .status())
                .isEqualTo(200);
        RunningSystem.Response foreign =
                system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), token, null);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.body()).doesNotContain("Demo Shop");
    }

    @Test
    void aKeycloakTokenWithAnAlteredSignatureOrPayloadIsUnauthorized() {
        DemoCredentials demo = system.demo();
        String token = keycloak.passwordToken(signIn.ownerUsername(), signIn.ownerPassword());
        String[] parts = token.split("\\.");

        // the signature of another token of the same key: valid bytes, wrong for this header and payload
        String other = keycloak.passwordToken(signIn.agentUsername(), signIn.agentPassword());
        String wrongSignature = parts[0] + "." + parts[1] + "." + other.split("\\.")[2];
        assertThat(system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), wrongSignature, null)
                        .status())
                .isEqualTo(401);

        // the owner's token made an agent's of another account: the signature no longer matches
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"owner\"", "\"admin\"");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), forged, null)
                        .status())
                .isEqualTo(401);

        // a token of the provider's master realm: signed by the same server, but not the configured issuer
        // (it goes to the launcher's own key, which did not sign it)
        RunningSystem.Response master =
                system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), keycloak.adminToken(), null);
        assertThat(master.status()).isEqualTo(401);
    }

    private static JsonNode claims(String token) {
        try {
            return RunningSystem.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
