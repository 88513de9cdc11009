package io.chatprivacy.consent.domain;

/** The kinds of rows in the append-only consent ledger. */
public enum EntryKind {
    /** A visitor ticked consents of a form version; the row's id is the receipt id. */
    GRANTED,
    /** A grant was revoked, by the visitor or by an agent on the visitor's behalf. */
    REVOKED,
    /** An opt-out of sale/sharing, or a limit on the use of sensitive personal information. */
    OPTED_OUT
}
