package io.chatprivacy.notification.domain;

/** A mail's subject and bodies, ready to send. Never logged: the bodies may hold a code or a person's data. */
public record RenderedMail(String subject, String text, String html) {

    @Override
    public String toString() {
        return "RenderedMail[subject, text, html]";
    }
}
