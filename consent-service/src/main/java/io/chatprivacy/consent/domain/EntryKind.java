package io.chatprivacy.consent.domain;

/** The kinds of rows in the append-only consent ledger. */
public enum EntryKind {
    /** A visitor ticked consents of a form version; the row's id is the receipt id. */
    GRANTED,
    /** A grant was revoked, by the visitor or by an agent on the visitor's behalf. */
    REVOKED,
    /** An opt-out of sale/sharing, or a limit on the use of sensitive personal information. */
    OPTED_OUT,
    /**
     * An affirmative opt-in to sale/sharing of a visitor known to be under 16: by the visitor (13 to 15) or a
     * parent's verified authorization recorded by an owner (under 13). It lifts only the minor's default
     * ({@link OptOutSource#MINOR}), never an opt-out.
     */
    OPTED_IN
}
