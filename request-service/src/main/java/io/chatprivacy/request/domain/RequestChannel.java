package io.chatprivacy.request.domain;

/** How a rights request reached the business. */
public enum RequestChannel {
    CHAT,
    EMAIL,
    WEB_FORM,
    AUTHORIZED_AGENT
}
