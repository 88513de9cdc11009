package io.chatprivacy.consent.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The opt-out self-test's synthetic visitor: two visitor ids (one sends GPC, one is named by the opt-out request)
 * and an address on {@value #DOMAIN}, a reserved domain (RFC 2606, RFC 6761) that can never receive mail. Each run
 * has fresh ones, so no per-address limit bites and no run sees another's rows. The ids start with
 * {@value #VISITOR_PREFIX}: the synthetic ledger rows are recognisable (and carry {@link #USER_AGENT}).
 */
public record SyntheticVisitor(String gpcVisitorId, String requestVisitorId, String email) {

    /** The reserved domain of the synthetic addresses; other services skip them (no mail, no metrics). */
    public static final String DOMAIN = "selftest.invalid";

    public static final String VISITOR_PREFIX = "selftest-";

    /** The user agent recorded on the synthetic GPC opt-out. */
    public static final String USER_AGENT = "chat-privacy-opt-out-self-test/1";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static SyntheticVisitor fresh() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String tag = HexFormat.of().formatHex(bytes);
        return new SyntheticVisitor(
                VISITOR_PREFIX + tag + "-gpc", VISITOR_PREFIX + tag + "-request", VISITOR_PREFIX + tag + "@" + DOMAIN);
    }

    /** Whether an address is on the self-test's reserved domain. */
    public static boolean isSynthetic(String email) {
        return email != null && email.strip().toLowerCase(Locale.ROOT).endsWith("@" + DOMAIN);
    }
}
