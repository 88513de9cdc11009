package io.chatprivacy.consent.domain;

/** What an opt-out covers under the CCPA/CPRA. */
public enum OptOutScope {
    /** Opt-out of the sale or sharing of personal information (what Global Privacy Control signals). */
    SALE_SHARING,
    /** Limit the use and disclosure of sensitive personal information. */
    LIMIT_SENSITIVE
}
