package io.chatprivacy.deletion.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationCodesTest {

    @Test
    void codesAreDigitsOfTheAskedLengthAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        int[] leadingDigits = new int[10];
        for (int i = 0; i < 5000; i++) {
            String code = VerificationCodes.newCode(8);
            assertThat(code).matches("[0-9]{8}");
            assertThat(VerificationCodes.isWellFormed(code)).isTrue();
            seen.add(code);
            leadingDigits[code.charAt(0) - '0']++;
        }
        assertThat(seen).hasSizeGreaterThan(4990);
        for (int count : leadingDigits) {
            assertThat(count).isBetween(350, 650); // leading zeros are kept: every digit is as likely
        }
        assertThat(VerificationCodes.newCode(10)).matches("[0-9]{10}");
    }

    @Test
    void fewerThanEightDigitsAreRefusedAndMalformedCodesRecognised() {
        assertThatThrownBy(() -> VerificationCodes.newCode(6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(VerificationCodes.isWellFormed("1234567")).isFalse();
        assertThat(VerificationCodes.isWellFormed("1234567a")).isFalse();
        assertThat(VerificationCodes.isWellFormed(null)).isFalse();
    }
}
