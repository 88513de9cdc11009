package io.chatprivacy.request.domain;

/** The consumer rights a request may invoke under the CCPA/CPRA. Only {@link #DELETE} is carried out so far. */
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
