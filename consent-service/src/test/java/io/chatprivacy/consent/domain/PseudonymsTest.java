package io.chatprivacy.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private final Pseudonyms pseudonyms = new Pseudonyms(key('a'));

    @Test
    void emailIndexIgnoresCaseAndSpacesButNotTheKey() {
        String index = pseudonyms.email("Visitor@Example.com ");

        assertThat(index).hasSize(64).isEqualTo(pseudonyms.email("visitor@example.com"));
        assertThat(index).isNotEqualTo(pseudonyms.email("other@example.com"));
        assertThat(index).isNotEqualTo(Hashes.sha256("visitor@example.com"));
        assertThat(index).isNotEqualTo(new Pseudonyms(key('b')).email("visitor@example.com"));
    }

    @Test
    void addressesAreTruncatedToTheirNetworkBeforeHashing() {
        assertThat(Pseudonyms.truncate("203.0.113.77")).isEqualTo("203.0.113.0/24");
        assertThat(Pseudonyms.truncate("2001:db8:1:2::5")).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(pseudonyms.ip("203.0.113.77")).isEqualTo(pseudonyms.ip("203.0.113.1"));
        assertThat(pseudonyms.ip("203.0.113.77")).isNotEqualTo(pseudonyms.ip("203.0.114.77"));
        assertThat(pseudonyms.ip("203.0.113.77")).doesNotContain("203");
    }

    @Test
    void somethingThatIsNotAnAddressIsNeverLookedUp() {
        assertThat(Pseudonyms.truncate("example.com")).isNull();
        assertThat(pseudonyms.ip(null)).isNull();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(char fill) {
        return String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII);
    }
}
