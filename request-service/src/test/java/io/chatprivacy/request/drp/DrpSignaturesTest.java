package io.chatprivacy.request.drp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Signed messages as the spec (§3.07.1) and libsodium's combined mode make them: signature ‖ message, base64. */
class DrpSignaturesTest {

    static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static byte[] rawKeyOf(KeyPair keys) {
        return DrpSignatures.rawKey(keys.getPublic());
    }

    static String sign(KeyPair keys, byte[] message) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        byte[] combined = Arrays.copyOf(signature, signature.length + message.length);
        System.arraycopy(message, 0, combined, signature.length, message.length);
        return Base64.getEncoder().encodeToString(combined);
    }

    @Test
    void aCombinedModeMessageOpensUnderItsKeyToTheExactSignedBytes() throws Exception {
        KeyPair keys = keys();
        byte[] message = "{\"agent-id\":\"AGENT_A\"}".getBytes(StandardCharsets.UTF_8);
        byte[] key = DrpSignatures.rawKey(keys.getPublic());
        assertThat(key).hasSize(32);
        assertThat(DrpSignatures.open(sign(keys, message), key))
                .hasValueSatisfying(m -> assertThat(m).isEqualTo(message));
    }

    @Test
    void rfc8032TestVector1Verifies() {
        // RFC 8032 §7.1 TEST 1: the empty message is too short to carry (a request has a body); TEST 2 (one byte)
        byte[] key = HexFormat.of().parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] signature = HexFormat.of()
                .parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        byte[] combined = Arrays.copyOf(signature, 65);
        combined[64] = 0x72;
        assertThat(DrpSignatures.open(Base64.getEncoder().encodeToString(combined), key))
                .hasValueSatisfying(m -> assertThat(m).containsExactly(0x72));
        combined[64] = 0x73;
        assertThat(DrpSignatures.open(Base64.getEncoder().encodeToString(combined), key))
                .isEmpty();
    }

    @Test
    void anotherKeyAChangedByteNoSignatureOrNotBase64DoNotOpen() throws Exception {
        KeyPair keys = keys();
        byte[] message = "{\"exercise\":\"sale:opt_out\"}".getBytes(StandardCharsets.UTF_8);
        String signed = sign(keys, message);
        assertThat(DrpSignatures.open(signed, DrpSignatures.rawKey(keys().getPublic())))
                .isEmpty();
        byte[] tampered = Base64.getDecoder().decode(signed);
        tampered[tampered.length - 2] ^= 1;
        assertThat(DrpSignatures.open(
                        Base64.getEncoder().encodeToString(tampered), DrpSignatures.rawKey(keys.getPublic())))
                .isEmpty();
        assertThat(DrpSignatures.open(
                        Base64.getEncoder().encodeToString(message), DrpSignatures.rawKey(keys.getPublic())))
                .isEmpty();
        assertThat(DrpSignatures.open("{not base64}", DrpSignatures.rawKey(keys.getPublic())))
                .isEmpty();
        assertThat(DrpSignatures.open("", DrpSignatures.rawKey(keys.getPublic())))
                .isEmpty();
    }

    @Test
    void aVerifyKeyIsBase64Of32Bytes() throws Exception {
        byte[] raw = DrpSignatures.rawKey(keys().getPublic());
        assertThat(DrpSignatures.parseVerifyKey(Base64.getEncoder().encodeToString(raw)))
                .isEqualTo(raw);
        assertThatThrownBy(
                        () -> DrpSignatures.parseVerifyKey(Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrpSignatures.parseVerifyKey("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
