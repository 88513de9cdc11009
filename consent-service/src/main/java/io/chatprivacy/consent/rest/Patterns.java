package io.chatprivacy.consent.rest;

/** The shapes of ids that cross the API. */
final class Patterns {

    /** A visitor id as the widget makes it: opaque, never personal data. */
    static final String VISITOR_ID = "[A-Za-z0-9_-]{1,64}";

    /** A field or consent id chosen by the owner, e.g. {@code chat-processing}. */
    static final String ELEMENT_ID = "[a-z0-9][a-z0-9_-]{0,63}";

    private Patterns() {}
}
