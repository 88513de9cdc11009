package io.chatprivacy.deletion.crypto;

import java.security.SecureRandom;

/** Makes one-time verification codes: uniformly random decimal digits from a CSPRNG. */
public final class VerificationCodes {

    /** Fewer digits would make five guesses too likely to hit. */
    public static final int MIN_DIGITS = 8;

    private static final int MAX_DIGITS = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCodes() {}

    public static String newCode(int digits) {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("a code has " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        long bound = 1;
        for (int i = 0; i < digits; i++) {
            bound *= 10;
        }
        String value = Long.toString(RANDOM.nextLong(bound));
        return "0".repeat(digits - value.length()) + value;
    }

    /** Whether the text could be a code at all: only digits, of a plausible length. */
    public static boolean isWellFormed(String code) {
        if (code == null || code.length() < MIN_DIGITS || code.length() > MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
