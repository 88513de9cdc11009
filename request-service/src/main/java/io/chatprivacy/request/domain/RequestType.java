package io.chatprivacy.request.domain;

/**
 * The consumer rights a request may invoke under the CCPA/CPRA. All are accepted and clocked; {@link #ACCESS} and
 * {@link #CORRECT} are not carried out yet (the vault side is missing).
 */
public enum RequestType {
    /** Right to know / access: a copy of the consumer's personal information. */
    ACCESS,
    /** Right to delete. */
    DELETE,
    /** Right to correct inaccurate personal information. */
    CORRECT,
    /** Right to opt out of sale or sharing. */
    OPT_OUT,
    /** Right to limit the use of sensitive personal information. */
    LIMIT
}
