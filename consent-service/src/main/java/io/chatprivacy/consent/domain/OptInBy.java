package io.chatprivacy.consent.domain;

/** Who affirmatively authorized the sale/sharing of a minor's personal information. */
public enum OptInBy {
    /** The visitor (13 to 15) opted in from the widget. */
    VISITOR,
    /**
     * A parent or guardian of a visitor under 13, verified by the business (11 CCR §7070) and recorded by an
     * owner of the account, with the verification method.
     */
    PARENT
}
