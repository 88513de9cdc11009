package io.chatprivacy.consent.domain;

/** Who revoked a grant. */
public enum Revoker {
    /** The visitor, from the widget, with the receipt id issued to them. */
    VISITOR,
    /** An agent of the account, on the visitor's behalf, with a reason. */
    AGENT
}
