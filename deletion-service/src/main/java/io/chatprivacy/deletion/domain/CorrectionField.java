package io.chatprivacy.deletion.domain;

/** The personal data a CORRECT request may fix on a consumer's chats and tickets. */
public enum CorrectionField {
    /** The visitor's / requester's email address (which also moves the items to that address's subject key). */
    EMAIL,
    /** The visitor's / requester's name. */
    NAME
}
