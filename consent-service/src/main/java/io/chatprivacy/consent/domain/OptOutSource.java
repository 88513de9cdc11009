package io.chatprivacy.consent.domain;

/** Where an opt-out came from; none of them needs verification. */
public enum OptOutSource {
    /** The browser's Global Privacy Control signal ({@code Sec-GPC: 1}). */
    GPC,
    /** The visitor asked for it in the widget. */
    WIDGET,
    /** A rights request opened with request-service. */
    REQUEST,
    /** An existing opt-out extended to a newly learnt identifier of the same person (visitor id or email). */
    LINKED
}
