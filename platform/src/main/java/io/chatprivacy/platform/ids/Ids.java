package io.chatprivacy.platform.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of rows that are written in bulk and keyed by a B-tree (consent's ledger entries, the vault's
 * chats, tickets and keys): UUID version 7 (RFC 9562), a millisecond timestamp followed by 74 random
 * bits. Time-ordered keys keep a primary-key index growing at one edge instead of touching (and, after
 * each checkpoint, logging whole) a random page per insert; the random part keeps them unguessable.
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
