package io.chatprivacy.deletion.domain;

/**
 * Which items of an account belong to a consumer, by blind indexes only (never the identity itself).
 *
 * <p>{@link #byEmail}: every item whose email is the consumer's, plus, with a visitor id, the items of
 * that visitor that carry no email at all (the same visitor's anonymous chats). Used for ACCESS and NAME
 * corrections.
 *
 * <p>{@link #byVisitor}: the items of that visitor id; with an email address (the wrong one being
 * replaced), only those whose email is that address or none, or already the corrected one. Used for
 * EMAIL corrections, where the email cannot identify the consumer because it is what is being fixed.
 *
 * @param emailIndex the consumer's email ({@code byEmail}) or the address being replaced ({@code byVisitor})
 * @param visitorIndex the visitor id
 * @param correctedEmailIndex the corrected address ({@code byVisitor} with an address only): items already
 *     holding it are matched, and left unchanged
 */
public record ConsumerMatch(boolean byVisitor, byte[] emailIndex, byte[] visitorIndex, byte[] correctedEmailIndex) {

    public ConsumerMatch {
        if (byVisitor ? visitorIndex == null : emailIndex == null) {
            throw new IllegalArgumentException(
                    "a consumer is identified by the email, or the visitor id for a correction");
        }
    }

    public static ConsumerMatch byEmail(byte[] emailIndex, byte[] visitorIndex) {
        return new ConsumerMatch(false, emailIndex, visitorIndex, null);
    }

    public static ConsumerMatch byVisitor(byte[] visitorIndex, byte[] replacedEmailIndex, byte[] correctedEmailIndex) {
        return new ConsumerMatch(true, replacedEmailIndex, visitorIndex, correctedEmailIndex);
    }
}
