package io.chatprivacy.deletion.domain;

/**
 * Which items of an account belong to a consumer, by blind indexes only (never the identity itself).
 *
 * <p>{@link #byEmail}: every item whose email is the consumer's, plus, with a visitor id, the items of
 * that visitor that carry no email at all (the same visitor's anonymous chats) — but only when the vault
 * links the two (an item of the account carries both), since a visitor id alone is a claim anyone who saw
 * it could make. Used for ACCESS and NAME corrections.
 *
 * <p>{@link #byVisitor}: the items of that visitor id that carry the address being replaced (or already
 * the corrected one). Used for EMAIL corrections: the visitor id, not the address being fixed, is what
 * identifies the consumer; the old address says which value is wrong, so a visitor id someone learnt can
 * neither rewrite a consumer's other addresses nor give their anonymous chats an address.
 *
 * @param emailIndex the consumer's email ({@code byEmail}) or the address being replaced ({@code byVisitor})
 * @param visitorIndex the visitor id
 * @param correctedEmailIndex the corrected address ({@code byVisitor} with an address only): items already
 *     holding it are matched, and left unchanged
 */
public record ConsumerMatch(boolean byVisitor, byte[] emailIndex, byte[] visitorIndex, byte[] correctedEmailIndex) {

    public ConsumerMatch {
        if (emailIndex == null || (byVisitor && visitorIndex == null)) {
            throw new IllegalArgumentException(
                    "a consumer is identified by the email, and an email correction by visitor id and old email");
        }
    }

    public static ConsumerMatch byEmail(byte[] emailIndex, byte[] visitorIndex) {
        return new ConsumerMatch(false, emailIndex, visitorIndex, null);
    }

    public static ConsumerMatch byVisitor(byte[] visitorIndex, byte[] replacedEmailIndex, byte[] correctedEmailIndex) {
        return new ConsumerMatch(true, replacedEmailIndex, visitorIndex, correctedEmailIndex);
    }
}
