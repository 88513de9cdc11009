package io.chatprivacy.request.domain;

/** The personal data a correction request may fix on the consumer's chats and tickets. */
public enum CorrectionField {
    /** The visitor's email address. */
    EMAIL,
    /** The visitor's name. */
    NAME
}
