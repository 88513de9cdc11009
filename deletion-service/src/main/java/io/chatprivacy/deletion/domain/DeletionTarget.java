package io.chatprivacy.deletion.domain;

import java.util.HexFormat;

/**
 * What a deletion job removes: every item of the account carrying a tag, or every item of one data
 * subject (found by the blind index of an email address and/or a visitor id, never the identity itself).
 */
public record DeletionTarget(String tag, byte[] emailIndex, byte[] visitorIndex) {

    public DeletionTarget {
        if (tag == null && emailIndex == null && visitorIndex == null) {
            throw new IllegalArgumentException("a deletion needs a tag or a data subject");
        }
    }

    public static DeletionTarget byTag(String tag) {
        return new DeletionTarget(tag, null, null);
    }

    public boolean isTag() {
        return tag != null;
    }

    /** {@code TAG}, {@code EMAIL}, {@code VISITOR} or {@code EMAIL_AND_VISITOR}: for receipts. */
    public String selector() {
        if (isTag()) {
            return "TAG";
        }
        if (emailIndex != null && visitorIndex != null) {
            return "EMAIL_AND_VISITOR";
        }
        return emailIndex != null ? "EMAIL" : "VISITOR";
    }

    /** Lower-case hex of the email blind index, or null. */
    public String emailIndexHex() {
        return emailIndex == null ? null : HexFormat.of().formatHex(emailIndex);
    }
}
