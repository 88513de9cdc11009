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
    LINKED,
    /**
     * Not an opt-out anyone asked for: the visitor is known to be under 16, and such a consumer is treated as
     * opted out until they (13 to 15) or a parent (under 13) opt in (Cal. Civ. Code §1798.120(c), (d)). The row
     * carries the age band; unlike the others, an opt-in lifts it.
     */
    MINOR
}
