package io.chatprivacy.consent.domain;

/** What an ordinary pre-chat field asks for; the widget renders each kind with a suitable input. */
public enum FieldKind {
    NAME,
    EMAIL,
    TEXT
}
