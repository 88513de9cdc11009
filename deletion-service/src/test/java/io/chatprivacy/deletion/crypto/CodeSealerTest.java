package io.chatprivacy.deletion.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatprivacy.platform.crypto.TransportSeal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The sealedCode and sealedToken formats of contracts/README.md, checked with nothing but the JDK, as
 * notification-service would.
 */
class CodeSealerTest {

    private final byte[] transportKey = Aead.newKey();
    private final CodeSealer sealer = new CodeSealer(transportKey);

    @Test
    void sealedCodeIsBase64UrlOfIvCiphertextAndTagWithTheJobIdAsAad() throws Exception {
        UUID jobId = UUID.randomUUID();

        String sealed = sealer.seal("01234567", jobId);

        assertThat(sealed).matches("[A-Za-z0-9_-]+").doesNotContain("=").doesNotContain("01234567");
        byte[] raw = Base64.getUrlDecoder().decode(sealed);
        assertThat(raw).hasSize(12 + 8 + 16);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(transportKey, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(raw, 0, 12)));
        cipher.updateAAD(jobId.toString().getBytes(StandardCharsets.UTF_8));
        String code = new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
        assertThat(code).isEqualTo("01234567");
        assertThat(sealer.open(sealed, jobId)).isEqualTo("01234567");
    }

    @Test
    void aSealedCodeDoesNotOpenForAnotherJobOrKey() {
        UUID jobId = UUID.randomUUID();
        String sealed = sealer.seal("98765432", jobId);

        assertThatThrownBy(() -> sealer.open(sealed, UUID.randomUUID())).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> new CodeSealer(Aead.newKey()).open(sealed, jobId))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void sealedTokenIsTheTokenUnderTheTransportKeyWithExportAndItsIdAsAad() throws Exception {
        UUID exportId = UUID.randomUUID();
        String token = ExportTokens.newToken();

        String sealed = sealer.sealExportToken(token, exportId);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(sealed).matches("[A-Za-z0-9_-]+").doesNotContain(token);
        byte[] raw = Base64.getUrlDecoder().decode(sealed);
        assertThat(raw).hasSize(12 + 43 + 16);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(transportKey, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(raw, 0, 12)));
        cipher.updateAAD(("export|" + exportId).getBytes(StandardCharsets.UTF_8));
        assertThat(new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8))
                .isEqualTo(token);
        assertThat(sealer.openExportToken(sealed, exportId)).isEqualTo(token);
    }

    @Test
    void aSealedTokenAndASealedCodeNeverOpenAsEachOther() {
        UUID id = UUID.randomUUID();
        String sealedToken = sealer.sealExportToken(ExportTokens.newToken(), id);
        String sealedCode = sealer.seal("12345678", id);

        assertThatThrownBy(() -> sealer.open(sealedToken, id)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.openExportToken(sealedCode, id)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.openExportToken(sealedToken, UUID.randomUUID()))
                .isInstanceOf(UnreadableException.class);
        assertThat(ExportTokens.newToken()).isNotEqualTo(ExportTokens.newToken());
    }

    @Test
    void anExportCodeIsSealedWithExportCodeAndItsIdAsAadAndOpensAsNothingElse() throws Exception {
        UUID exportId = UUID.randomUUID();
        String sealed = sealer.sealExportCode("87654321", exportId);

        byte[] raw = Base64.getUrlDecoder().decode(sealed);
        assertThat(raw).hasSize(12 + 8 + 16);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(transportKey, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(raw, 0, 12)));
        cipher.updateAAD(("export-code|" + exportId).getBytes(StandardCharsets.UTF_8));
        assertThat(new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8))
                .isEqualTo("87654321");
        assertThat(sealer.openExportCode(sealed, exportId)).isEqualTo("87654321");
        assertThatThrownBy(() -> sealer.openExportToken(sealed, exportId)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.open(sealed, exportId)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.openExportCode(sealed, UUID.randomUUID()))
                .isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.openExportCode(sealer.sealExportToken("t", exportId), exportId))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void itsSealsAreThePlatformsTransportSealsUnderTheSameKeyBothWays() {
        // the one format notification-service opens (CodeSeal) and request-service seals (ConsumerSecrets)
        TransportSeal transport =
                TransportSeal.fromBase64Key("test", Base64.getEncoder().encodeToString(transportKey));
        UUID id = UUID.randomUUID();
        String token = ExportTokens.newToken();

        assertThat(transport.open(sealer.seal("12345678", id), id.toString())).isEqualTo("12345678");
        assertThat(transport.open(sealer.sealExportToken(token, id), "export|" + id))
                .isEqualTo(token);
        assertThat(transport.open(sealer.sealExportCode("87654321", id), "export-code|" + id))
                .isEqualTo("87654321");
        assertThat(sealer.open(transport.seal("12345678", id.toString()), id)).isEqualTo("12345678");
        assertThat(sealer.openExportToken(transport.seal(token, "export|" + id), id))
                .isEqualTo(token);
        assertThat(sealer.openExportCode(transport.seal("87654321", "export-code|" + id), id))
                .isEqualTo("87654321");
    }

    @Test
    void aDamagedValueIsUnreadable() {
        UUID id = UUID.randomUUID();
        byte[] raw = Base64.getUrlDecoder().decode(sealer.seal("12345678", id));
        raw[14] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThatThrownBy(() -> sealer.open(tampered, id)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.open("not base64url!", id)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> sealer.openExportToken("AAAA", id)).isInstanceOf(UnreadableException.class);
    }
}
