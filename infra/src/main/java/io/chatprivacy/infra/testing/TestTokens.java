package io.chatprivacy.infra.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A throw-away RSA key pair for the test JVM, and bearer tokens signed with it (see {@link JwtResource}). */
public final class TestTokens {

    /** The claim naming the account a token acts for (as the platform's AccountGuard reads it). */
    public static final String ACCOUNT_CLAIM = "account_id";

    /** The issuer the services expect by default. */
    public static final String ISSUER = "chat-privacy";

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {}

    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                Path dir =
                        Files.createDirectories(Path.of(System.getProperty("infra.work.dir", "target/infra"), "jwt"));
                publicKeyFile = dir.resolve("public.pem").toAbsolutePath();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(publicKeyFile, pem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    public static String token(UUID accountId, String... roles) {
        var builder = Jwt.issuer(ISSUER)
                .subject("user-" + UUID.randomUUID())
                .groups(Set.of(roles))
                .expiresIn(3600);
        if (accountId != null) {
            builder.claim(ACCOUNT_CLAIM, accountId.toString());
        }
        return builder.sign(KEYS.getPrivate());
    }

    public static String tokenWithIssuer(String issuer, UUID accountId, String... roles) {
        return Jwt.issuer(issuer)
                .subject("user")
                .groups(Set.of(roles))
                .claim(ACCOUNT_CLAIM, accountId.toString())
                .sign(KEYS.getPrivate());
    }

    public static Map<String, String> config() {
        // The key itself rather than its location: in test mode Quarkus generates a key pair of its
        // own when none is configured at build time, and an inline key takes precedence over a location.
        return Map.of(
                "mp.jwt.verify.publickey",
                Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()));
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
