package io.chatprivacy.platform.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A second issuer, an OpenID Connect provider, beside the system's own signer: its tokens are verified with its JWKS
 * (a file here; the stack's Keycloak serves it over HTTP, see the e2e SignInIT), must name the audience, and are read
 * like the signer's; the signer's tokens are unaffected.
 */
@QuarkusTest
@TestProfile(IssuerTokensTest.WithProvider.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(JwtResource.class)
class IssuerTokensTest {

    static final String PROVIDER = "http://idp.test/realms/chat-privacy";
    static final String KEY_ID = "provider-key-1";
    private static final KeyPair PROVIDER_KEYS = generate();

    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();

    /** The provider's issuer and JWKS (written to a file), audience chat-privacy. */
    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "backbone.oidc.issuer", PROVIDER + "/",
                    "backbone.oidc.jwks-url", "file:" + jwksFile(),
                    "backbone.oidc.audience", "chat-privacy");
        }
    }

    @Test
    void aProviderTokenIsAcceptedWithItsRolesAndAccount() {
        given().auth()
                .oauth2(provider(accountA, "agent")
                        .audience("chat-privacy")
                        .jws()
                        .keyId(KEY_ID)
                        .sign(PROVIDER_KEYS.getPrivate()))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(accountA.toString()));
    }

    @Test
    void aProviderTokenOfAnotherAccountIsForbidden() {
        given().auth()
                .oauth2(provider(accountA, "owner")
                        .audience("chat-privacy")
                        .jws()
                        .keyId(KEY_ID)
                        .sign(PROVIDER_KEYS.getPrivate()))
                .get("/accounts/{id}/things", accountB)
                .then()
                .statusCode(403);
    }

    @Test
    void aProviderTokenWithoutTheAudienceIsUnauthorized() {
        given().auth()
                .oauth2(provider(accountA, "agent")
                        .audience("account")
                        .jws()
                        .keyId(KEY_ID)
                        .sign(PROVIDER_KEYS.getPrivate()))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(401);
    }

    @Test
    void aTokenNamingTheProviderButSignedByAnotherKeyIsUnauthorized() {
        given().auth()
                .oauth2(TestTokens.tokenWithIssuer(PROVIDER, accountA, "agent"))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(401);
    }

    @Test
    void aTokenNamingTheOwnIssuerButSignedByTheProviderIsUnauthorized() {
        given().auth()
                .oauth2(Jwt.issuer(TestTokens.ISSUER)
                        .subject("u")
                        .groups(Set.of("agent"))
                        .claim(Roles.ACCOUNT_CLAIM, accountA.toString())
                        .audience("chat-privacy")
                        .jws()
                        .keyId(KEY_ID)
                        .sign(PROVIDER_KEYS.getPrivate()))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(401);
    }

    @Test
    void theOwnSignersTokensStillWork() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.AGENT))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(200);
    }

    @Test
    void theUnverifiedIssuerIsReadOnlyFromAThreePartToken() {
        String token = provider(accountA, "agent").sign(PROVIDER_KEYS.getPrivate());
        org.assertj.core.api.Assertions.assertThat(IssuerTokens.unverifiedIssuer(token))
                .isEqualTo(PROVIDER);
        org.assertj.core.api.Assertions.assertThat(IssuerTokens.unverifiedIssuer("a.b"))
                .isNull();
        org.assertj.core.api.Assertions.assertThat(IssuerTokens.unverifiedIssuer("a.%%%.c"))
                .isNull();
        org.assertj.core.api.Assertions.assertThat(IssuerTokens.unverifiedIssuer("a.b.c.d.e"))
                .isNull();
    }

    private static JwtClaimsBuilder provider(UUID account, String role) {
        return Jwt.issuer(PROVIDER)
                .subject("user-" + UUID.randomUUID())
                .groups(Set.of(role))
                .claim(Roles.ACCOUNT_CLAIM, account.toString())
                .expiresIn(300);
    }

    static Path jwksFile() {
        RSAPublicKey key = (RSAPublicKey) PROVIDER_KEYS.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwks =
                "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                        + b64.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                        + b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
        try {
            Path dir = Files.createDirectories(Path.of("target", "oidc"));
            Path file = dir.resolve("jwks-" + UUID.randomUUID() + ".json").toAbsolutePath();
            Files.writeString(file, jwks);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
