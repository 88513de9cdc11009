package io.chatprivacy.deletion.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VaultKeysTest {

    private final VaultKeys keys = new VaultKeys(Aead.newKey());

    @Test
    void subjectKeysUnwrapOnlyForTheirIdAndAccountAndMasterKey() {
        UUID id = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        byte[] subjectKey = Aead.newKey();

        byte[] wrapped = keys.wrapSubjectKey(id, account, subjectKey);

        assertThat(keys.unwrapSubjectKey(id, account, wrapped)).isEqualTo(subjectKey);
        assertThatThrownBy(() -> keys.unwrapSubjectKey(UUID.randomUUID(), account, wrapped))
                .isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> keys.unwrapSubjectKey(id, UUID.randomUUID(), wrapped))
                .isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> new VaultKeys(Aead.newKey()).unwrapSubjectKey(id, account, wrapped))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void blindIndexesAreStableNormalisedAndKeyed() {
        assertThat(keys.emailIndex(" Jane@Example.com ")).isEqualTo(keys.emailIndex("jane@example.com"));
        assertThat(keys.emailIndex("jane@example.com")).isNotEqualTo(keys.emailIndex("john@example.com"));
        assertThat(keys.emailIndex("jane@example.com"))
                .isNotEqualTo(new VaultKeys(Aead.newKey()).emailIndex("jane@example.com"));
        assertThat(keys.visitorIndex("v-1")).isNotEqualTo(keys.emailIndex("v-1"));
    }

    @Test
    void codeHashesAreBoundToTheJobAndComparedWhole() {
        UUID job = UUID.randomUUID();
        byte[] stored = keys.codeHash(job, "12345678");

        assertThat(keys.codeMatches(job, "12345678", stored)).isTrue();
        assertThat(keys.codeMatches(job, "12345679", stored)).isFalse();
        assertThat(keys.codeMatches(UUID.randomUUID(), "12345678", stored)).isFalse();
        assertThat(keys.codeMatches(job, "12345678", null)).isFalse();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("12345678");
    }

    @Test
    void exportTokenHashesAreBoundToTheExportAndKeptApartFromCodeHashes() {
        UUID export = UUID.randomUUID();
        String token = ExportTokens.newToken();
        byte[] stored = keys.exportTokenHash(export, token);

        assertThat(keys.exportTokenMatches(export, token, stored)).isTrue();
        assertThat(keys.exportTokenMatches(export, token + "x", stored)).isFalse();
        assertThat(keys.exportTokenMatches(UUID.randomUUID(), token, stored)).isFalse();
        assertThat(keys.exportTokenMatches(export, null, stored)).isFalse();
        assertThat(keys.exportTokenMatches(export, token, null)).isFalse();
        assertThat(new VaultKeys(Aead.newKey()).exportTokenMatches(export, token, stored))
                .isFalse();
        assertThat(stored).isNotEqualTo(keys.codeHash(export, token));
    }

    @Test
    void pseudonymsHideTheUserId() {
        String pseudonym = keys.pseudonym("owner@demo.example");

        assertThat(pseudonym)
                .matches("user:[0-9a-f]{32}")
                .doesNotContain("owner")
                .doesNotContain("@");
        assertThat(keys.pseudonym("owner@demo.example")).isEqualTo(pseudonym);
        assertThat(keys.pseudonym("agent@demo.example")).isNotEqualTo(pseudonym);
    }

    @Test
    void aMasterKeyMustBeBase64Of32Bytes() {
        assertThatThrownBy(() -> VaultKeys.decodeKey("vault.master-key", "not base64!"))
                .hasMessageContaining("vault.master-key")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> VaultKeys.decodeKey(
                        "vault.master-key", Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThat(VaultKeys.decodeKey("k", Base64.getEncoder().encodeToString(new byte[32])))
                .hasSize(32);
    }
}
