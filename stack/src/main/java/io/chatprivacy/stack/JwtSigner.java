package io.chatprivacy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs the stack's bearer tokens (RS256) with a key pair kept in {@code <dataDir>/jwt/}: {@code private.pem} (PKCS#8)
 * and {@code public.pem} (X.509 SubjectPublicKeyInfo), generated on first use. Services verify with {@code public.pem}
 * ({@code JWT_PUBLIC_KEY_LOCATION}) and the issuer ({@code JWT_ISSUER}).
 *
 * <p>Claims: {@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code account_id} (when given), {@code iat},
 * {@code exp}, {@code jti}.
 */
public final class JwtSigner {
    /** Lifetime of the demo owner and agent tokens. */
    public static final Duration DEMO_TTL = Duration.ofDays(30);
    /** Lifetime of the admin token. */
    public static final Duration ADMIN_TTL = Duration.ofHours(1);

    private final String issuer;
    private final Path privateKeyPath;
    private final Path publicKeyPath;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private JwtSigner(String issuer, Path dir, KeyPair keys) {
        this.issuer = issuer;
        this.privateKeyPath = dir.resolve("private.pem");
        this.publicKeyPath = dir.resolve("public.pem");
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
    }

    /** Loads the key pair from {@code dir}, generating an RSA 2048 pair there if it is not complete. */
    public static JwtSigner loadOrCreate(Path dir, String issuer) {
        Objects.requireNonNull(issuer, "issuer");
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        try {
            Files.createDirectories(dir);
            KeyPair keys;
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                keys = new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPem))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem))));
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                writePem(privatePem, "PRIVATE KEY", keys.getPrivate().getEncoded(), true);
                writePem(publicPem, "PUBLIC KEY", keys.getPublic().getEncoded(), false);
            }
            return new JwtSigner(issuer, dir.toAbsolutePath(), keys);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write JWT keys in " + dir, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Unreadable JWT keys in " + dir + " (delete private.pem and public.pem to regenerate)", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Absolute path of {@code public.pem}. */
    public Path publicKeyPath() {
        return publicKeyPath.toAbsolutePath();
    }

    public Path privateKeyPath() {
        return privateKeyPath.toAbsolutePath();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * A signed token.
     *
     * @param subject {@code sub} and {@code upn}
     * @param groups roles ({@code groups})
     * @param accountId {@code account_id}, or null for none
     * @param ttl time to live
     */
    public String sign(String subject, List<String> groups, String accountId, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", new ArrayList<>(groups));
        if (accountId != null) {
            claims.setClaim("account_id", accountId);
        }
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(ttl.toSeconds());
        claims.setExpirationTime(expiry);
        claims.setGeneratedJwtId();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign token", e);
        }
    }

    /** groups {@code [admin]}, no account, 1 hour. */
    public String adminToken() {
        return sign("admin@localhost", List.of("admin"), null, ADMIN_TTL);
    }

    /** groups {@code [owner]} of the account, 30 days. */
    public String ownerToken(String subject, String accountId) {
        return sign(subject, List.of("owner"), accountId, DEMO_TTL);
    }

    /** groups {@code [agent]} of the account, 30 days. */
    public String agentToken(String subject, String accountId) {
        return sign(subject, List.of("agent"), accountId, DEMO_TTL);
    }

    /** groups {@code [platform]} of the account: the chat platform's machine identity, 30 days. */
    public String platformToken(String subject, String accountId) {
        return sign(subject, List.of("platform"), accountId, DEMO_TTL);
    }

    private static byte[] readPem(Path path) throws IOException {
        StringBuilder base64 = new StringBuilder();
        for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
            if (!line.startsWith("-----") && !line.isBlank()) {
                base64.append(line.trim());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }

    private static void writePem(Path path, String type, byte[] der, boolean secret) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
