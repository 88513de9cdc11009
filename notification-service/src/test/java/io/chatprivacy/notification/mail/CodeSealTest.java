package io.chatprivacy.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.notification.Seals;
import io.chatprivacy.platform.crypto.TransportSeal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class CodeSealTest {

    private static final String DEV_KEY = "ZGV2LW9ubHktY29kZS10cmFuc3BvcnQta2V5LTAwMDE=";

    private final CodeSeal seal = CodeSeal.fromBase64Key(DEV_KEY);

    @Test
    void theDevelopmentKeyIsTheOneBothServicesAgreedOn() {
        assertThat(new String(Base64.getDecoder().decode(DEV_KEY), StandardCharsets.US_ASCII))
                .isEqualTo("dev-only-code-transport-key-0001");
    }

    @Test
    void opensWhatDeletionServiceSealsForTheSameJob() {
        UUID job = UUID.randomUUID();
        String sealed = Seals.seal("12345678", job);
        assertThat(sealed)
                .doesNotContain("12345678")
                .doesNotContain("=")
                .doesNotContain("+")
                .doesNotContain("/");
        assertThat(seal.unseal(sealed, job)).isEqualTo("12345678");
    }

    @Test
    void refusesAnotherJobsCode() {
        String sealed = Seals.seal("12345678", UUID.randomUUID());
        assertThatThrownBy(() -> seal.unseal(sealed, UUID.randomUUID()))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void refusesACodeSealedUnderAnotherKey() {
        UUID job = UUID.randomUUID();
        String sealed =
                Seals.seal("12345678", job, "another-key-another-key-another!".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> seal.unseal(sealed, job)).isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void refusesATamperedCode() {
        UUID job = UUID.randomUUID();
        byte[] raw = Base64.getUrlDecoder().decode(Seals.seal("12345678", job));
        raw[14] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> seal.unseal(tampered, job)).isInstanceOf(CodeSeal.UnreadableCodeException.class);
        assertThatThrownBy(() -> seal.unseal("not base64url!", job))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
        assertThatThrownBy(() -> seal.unseal("AAAA", job)).isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void theGoldenSamplesPlaceholderIsNoRealSeal() {
        var data = GoldenEvent.load("deletion-events", "deletion.verification-issued.v1")
                .data();
        UUID job = UUID.fromString(data.get("jobId").asText());
        assertThatThrownBy(() -> seal.unseal(data.get("sealedCode").asText(), job))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void acceptsOnlyA32ByteKey() {
        assertThatThrownBy(() -> CodeSeal.fromBase64Key("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> CodeSeal.fromBase64Key("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> CodeSeal.fromBase64Key(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFailureSaysNothingAboutTheCiphertext() {
        UUID job = UUID.randomUUID();
        String sealed = Seals.seal("87654321", job);
        assertThatThrownBy(() -> seal.unseal(sealed, UUID.randomUUID()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sealed))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void opensAnExportTokenSealedForTheSameExport() {
        UUID export = UUID.randomUUID();
        String token = Seals.exportToken();
        String sealed = Seals.sealExportToken(token, export);
        assertThat(sealed).doesNotContain(token);
        assertThat(seal.unsealExportToken(sealed, export)).isEqualTo(token);
    }

    @Test
    void codesAndExportTokensAreDomainSeparated() {
        UUID id = UUID.randomUUID();
        // the same id, the same key: a code is no token and a token no code
        String code = Seals.seal("12345678", id);
        String token = Seals.sealExportToken(Seals.exportToken(), id);
        assertThatThrownBy(() -> seal.unsealExportToken(code, id)).isInstanceOf(CodeSeal.UnreadableCodeException.class);
        assertThatThrownBy(() -> seal.unseal(token, id)).isInstanceOf(CodeSeal.UnreadableCodeException.class);
        assertThatThrownBy(() -> seal.unsealExportToken(token, UUID.randomUUID()))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void theExportSamplesPlaceholderIsNoRealSeal() {
        var data =
                GoldenEvent.load("deletion-events", "deletion.export-ready.v1").data();
        UUID export = UUID.fromString(data.get("exportId").asText());
        assertThatThrownBy(() -> seal.unsealExportToken(data.get("sealedToken").asText(), export))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void opensAConsumersCodeSealedForTheSameIntakeOnly() {
        UUID intake = UUID.randomUUID();
        String sealed = Seals.sealConsumerCode("12345678", intake);
        assertThat(sealed).doesNotContain("12345678");
        assertThat(seal.unsealConsumerCode(sealed, intake)).isEqualTo("12345678");
        assertThatThrownBy(() -> seal.unsealConsumerCode(sealed, UUID.randomUUID()))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void opensAStatusTokenSealedForTheSameRequestOnly() {
        UUID request = UUID.randomUUID();
        String token = Seals.exportToken();
        String sealed = Seals.sealStatusToken(token, request);
        assertThat(sealed).doesNotContain(token);
        assertThat(seal.unsealStatusToken(sealed, request)).isEqualTo(token);
        assertThatThrownBy(() -> seal.unsealStatusToken(sealed, UUID.randomUUID()))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void everyPurposeOpensOnlyAsItself() {
        // the same id, the same key, five purposes: each secret opens as its own purpose and as no other
        UUID id = UUID.randomUUID();
        String ownerCode = Seals.seal("12345678", id);
        String exportToken = Seals.sealExportToken(Seals.exportToken(), id);
        String consumerCode = Seals.sealConsumerCode("12345678", id);
        String statusToken = Seals.sealStatusToken(Seals.exportToken(), id);
        String exportCode = Seals.sealExportCode("12345678", id);
        List<String> sealed = List.of(ownerCode, exportToken, consumerCode, statusToken, exportCode);
        List<BiFunction<String, UUID, String>> openers = List.of(
                seal::unseal,
                seal::unsealExportToken,
                seal::unsealConsumerCode,
                seal::unsealStatusToken,
                seal::unsealExportCode);
        for (int secret = 0; secret < sealed.size(); secret++) {
            for (int purpose = 0; purpose < openers.size(); purpose++) {
                String value = sealed.get(secret);
                BiFunction<String, UUID, String> open = openers.get(purpose);
                if (secret == purpose) {
                    assertThat(open.apply(value, id)).isNotBlank();
                } else {
                    assertThatThrownBy(() -> open.apply(value, id))
                            .as("secret %d opened as purpose %d", secret, purpose)
                            .isInstanceOf(CodeSeal.UnreadableCodeException.class);
                }
            }
        }
    }

    @Test
    void theConsumerCodeSampleOpensToItsCodeForItsIntake() {
        var data = GoldenEvent.load("request-events", "request.consumer-verification-issued.v1")
                .data();
        UUID intake = UUID.fromString(data.get("intakeId").asText());
        String sealed = data.get("sealedCode").asText();
        assertThat(seal.unsealConsumerCode(sealed, intake)).isEqualTo("12345678");
        assertThatThrownBy(() -> seal.unseal(sealed, intake)).isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void theOpenedSamplesStatusTokenOpensForItsRequest() {
        var data = GoldenEvent.load("request-events", "request.opened.v1").data();
        UUID request = UUID.fromString(data.get("requestId").asText());
        String sealed = data.get("sealedStatusToken").asText();
        assertThat(seal.unsealStatusToken(sealed, request)).isEqualTo("Z29sZGVuLXNhbXBsZS1zdGF0dXMtdG9rZW4tMDAwMDE");
        assertThatThrownBy(() -> seal.unsealConsumerCode(sealed, request))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }

    @Test
    void theRefusalsSayWhatFailedInTheSameWordsAsEver() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> seal.unseal("not base64url!", id)).hasMessage("the sealed value is not base64url");
        assertThatThrownBy(() -> seal.unseal(null, id)).hasMessage("the sealed value is not base64url");
        assertThatThrownBy(() -> seal.unseal("AAAA", id)).hasMessage("the sealed value is too short");
        // IV and tag without a single byte of secret: too short too
        String empty = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[12 + 16]);
        assertThatThrownBy(() -> seal.unsealStatusToken(empty, id)).hasMessage("the sealed value is too short");
        assertThatThrownBy(() -> seal.unseal(Seals.seal("12345678", other), id))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class)
                .hasMessage("the sealed code does not open under this key for this job");
        assertThatThrownBy(() -> seal.unsealExportToken(Seals.sealExportToken(Seals.exportToken(), other), id))
                .hasMessage("the sealed export token does not open under this key for this export");
        assertThatThrownBy(() -> seal.unsealExportCode(Seals.sealExportCode("12345678", other), id))
                .hasMessage("the sealed export code does not open under this key for this export");
        assertThatThrownBy(() -> seal.unsealConsumerCode(Seals.sealConsumerCode("12345678", other), id))
                .hasMessage("the sealed consumer code does not open under this key for this intake");
        assertThatThrownBy(() -> seal.unsealStatusToken(Seals.sealStatusToken(Seals.exportToken(), other), id))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class)
                .hasMessage("the sealed status token does not open under this key for this request")
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void aWrongKeyIsRefusedInTheSameWordsAsEverWithoutShowingIt() {
        assertThatThrownBy(() -> CodeSeal.fromBase64Key("c2hvcnQ="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the code transport key must be 32 bytes, not 5");
        assertThatThrownBy(() -> CodeSeal.fromBase64Key("not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the code transport key is not base64");
        assertThatThrownBy(() -> CodeSeal.fromBase64Key(null))
                .hasMessage("the code transport key must be 32 bytes, not 0");
        assertThat(CodeSeal.fromBase64Key("  " + DEV_KEY + "\n")
                        .unseal(Seals.seal("12345678", new UUID(0, 1)), new UUID(0, 1)))
                .isEqualTo("12345678");
    }

    @Test
    void opensWhatThePlatformsTransportSealSealsForEachPurpose() {
        // the seal deletion-service's CodeSealer and request-service's ConsumerSecrets seal with
        TransportSeal transport = TransportSeal.fromBase64Key("test", DEV_KEY);
        UUID id = UUID.randomUUID();
        String token = Seals.exportToken();
        assertThat(seal.unseal(transport.seal("12345678", id.toString()), id)).isEqualTo("12345678");
        assertThat(seal.unsealExportToken(transport.seal(token, "export|" + id), id))
                .isEqualTo(token);
        assertThat(seal.unsealExportCode(transport.seal("87654321", "export-code|" + id), id))
                .isEqualTo("87654321");
        assertThat(seal.unsealConsumerCode(transport.seal("11223344", "consumer|" + id), id))
                .isEqualTo("11223344");
        assertThat(seal.unsealStatusToken(transport.seal(token, "status|" + id), id))
                .isEqualTo(token);
    }

    @Test
    void theExportCodeSampleDeletionServiceSealedOpensToItsCodeForItsExportOnly() {
        // deletion-service's DeletionEventContractTest opens the same sample with its CodeSealer
        var data = GoldenEvent.load("deletion-events", "deletion.export-code-issued.v1")
                .data();
        UUID export = UUID.fromString(data.get("exportId").asText());
        String sealed = data.get("sealedCode").asText();
        assertThat(seal.unsealExportCode(sealed, export)).isEqualTo("12345678");
        assertThatThrownBy(() -> seal.unsealExportToken(sealed, export))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
        assertThatThrownBy(() -> seal.unsealExportCode(sealed, UUID.randomUUID()))
                .isInstanceOf(CodeSeal.UnreadableCodeException.class);
    }
}
