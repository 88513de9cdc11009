package io.chatprivacy.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TransportSealTest {

    private static final String KEY =
            Base64.getEncoder().encodeToString("dev-only-code-transport-key-0001".getBytes(StandardCharsets.US_ASCII));

    private final TransportSeal seal = TransportSeal.fromBase64Key("test key", KEY);

    @Test
    void opensOnlyForThePurposeItWasSealedFor() {
        String sealed = seal.seal("12345678", "consumer|a");

        assertThat(sealed).doesNotContain("12345678").matches("[A-Za-z0-9_-]+");
        assertThat(seal.open(sealed, "consumer|a")).isEqualTo("12345678");
        assertThatThrownBy(() -> seal.open(sealed, "consumer|b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seal.open(sealed, "status|a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyOrDamageDoesNotOpen() {
        String sealed = seal.seal("token", "status|r");
        TransportSeal other =
                TransportSeal.fromBase64Key("other", Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> other.open(sealed, "status|r")).isInstanceOf(IllegalArgumentException.class);
        char last = sealed.charAt(sealed.length() - 2);
        String damaged = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> seal.open(damaged, "status|r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seal.open("not base64!", "status|r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seal.open("AAAA", "status|r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealingTwiceGivesDifferentValues() {
        assertThat(seal.seal("x", "p")).isNotEqualTo(seal.seal("x", "p"));
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> TransportSeal.fromBase64Key("CODE_TRANSPORT_KEY", shortKey))
                .hasMessage("CODE_TRANSPORT_KEY must be 32 bytes, not 16");
        assertThatThrownBy(() -> TransportSeal.fromBase64Key("CODE_TRANSPORT_KEY", "%%%"))
                .hasMessage("CODE_TRANSPORT_KEY is not base64");
    }

    @Test
    void derivedKeysDifferByPurposeAndFromTheKey() {
        assertThat(seal.derive("a")).hasSize(32).isNotEqualTo(seal.derive("b"));
    }

    @Test
    void rawKeyBytesGiveTheSameSealAsTheirBase64() {
        byte[] raw = Base64.getDecoder().decode(KEY);
        TransportSeal fromBytes = TransportSeal.fromKey("test key", raw);
        raw[0] ^= 1; // the seal keeps its own copy

        assertThat(seal.open(fromBytes.seal("12345678", "consumer|a"), "consumer|a"))
                .isEqualTo("12345678");
        assertThat(fromBytes.open(seal.seal("12345678", "consumer|a"), "consumer|a"))
                .isEqualTo("12345678");
        assertThat(fromBytes.derive("a")).isEqualTo(seal.derive("a"));
    }

    @Test
    void rawKeyBytesOfTheWrongSizeAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> TransportSeal.fromKey("CODE_TRANSPORT_KEY", new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CODE_TRANSPORT_KEY must be 32 bytes, not 31");
        assertThatThrownBy(() -> TransportSeal.fromKey("CODE_TRANSPORT_KEY", null))
                .hasMessage("CODE_TRANSPORT_KEY must be 32 bytes, not 0");
    }

    @Test
    void aValueThatDoesNotOpenIsRefusedInTheCallersWordsAMalformedOneInItsOwn() {
        String sealed = seal.seal("12345678", "consumer|a");
        String refusal = "the sealed consumer code does not open under this key for this intake";

        assertThat(seal.open(sealed, "consumer|a", refusal)).isEqualTo("12345678");
        assertThatThrownBy(() -> seal.open(sealed, "consumer|b"))
                .hasMessage("the sealed value does not open under this key for this purpose")
                .hasNoCause();
        assertThatThrownBy(() -> seal.open(sealed, "consumer|b", refusal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refusal)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sealed));
        assertThatThrownBy(() -> seal.open("not base64!", "consumer|a", refusal))
                .hasMessage("the sealed value is not base64url");
        assertThatThrownBy(() -> seal.open(null, "consumer|a", refusal))
                .hasMessage("the sealed value is not base64url");
        assertThatThrownBy(() -> seal.open("AAAA", "consumer|a", refusal)).hasMessage("the sealed value is too short");
    }
}
