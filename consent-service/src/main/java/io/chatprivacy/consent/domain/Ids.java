package io.chatprivacy.consent.domain;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of ledger entries: UUID version 7 (RFC 9562), a millisecond timestamp followed by 74 random
 * bits. The ledger only ever appends, so time-ordered keys keep its primary-key index growing at one
 * edge instead of touching a random page per insert; the random part keeps receipt ids unguessable.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID timeOrdered(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high =
                (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
