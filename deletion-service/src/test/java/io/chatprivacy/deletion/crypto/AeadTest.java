package io.chatprivacy.deletion.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AeadTest {

    private static final byte[] AAD = "chat|1".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsWithAFreshIvAndOpensWithTheSameKeyAndAad() {
        byte[] key = Aead.newKey();
        byte[] plain = "Hi, my order has not arrived".getBytes(StandardCharsets.UTF_8);

        byte[] once = Aead.seal(key, plain, AAD);
        byte[] twice = Aead.seal(key, plain, AAD);

        assertThat(once).hasSize(Aead.IV_BYTES + plain.length + 16);
        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("order");
        assertThat(Aead.open(key, once, AAD)).isEqualTo(plain);
        assertThat(Aead.open(key, twice, AAD)).isEqualTo(plain);
    }

    @Test
    void anotherKeyAnotherAadOrATamperedCiphertextDoesNotOpen() {
        byte[] key = Aead.newKey();
        byte[] sealed = Aead.seal(key, "text".getBytes(StandardCharsets.UTF_8), AAD);

        assertThatThrownBy(() -> Aead.open(Aead.newKey(), sealed, AAD)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> Aead.open(key, sealed, "chat|2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableException.class);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> Aead.open(key, tampered, AAD)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> Aead.open(key, new byte[5], AAD)).isInstanceOf(UnreadableException.class);
    }

    /** Each thread reuses one cipher object: a failure must not leave it unusable, nor threads share state. */
    @Test
    void theCipherAThreadReusesSurvivesAFailureAndIsNotShared() throws Exception {
        byte[] key = Aead.newKey();
        byte[] sealed = Aead.seal(key, "text".getBytes(StandardCharsets.UTF_8), AAD);
        assertThatThrownBy(() -> Aead.open(Aead.newKey(), sealed, AAD)).isInstanceOf(UnreadableException.class);
        assertThat(Aead.open(key, sealed, AAD)).isEqualTo("text".getBytes(StandardCharsets.UTF_8));
        assertThat(Aead.open(key, Aead.seal(key, new byte[0], AAD), AAD)).isEmpty();

        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var rounds = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                rounds.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] own = Aead.newKey();
                        byte[] plain = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                        if (!java.util.Arrays.equals(Aead.open(own, Aead.seal(own, plain, AAD), AAD), plain)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var round : rounds) {
                assertThat(round.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
