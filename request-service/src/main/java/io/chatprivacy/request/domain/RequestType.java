package io.chatprivacy.request.domain;

/**
 * The consumer rights a request may invoke under the CCPA/CPRA. All are accepted, clocked and carried out by the
 * service that holds the data: deletion-service deletes, exports ({@link #ACCESS}) and corrects ({@link #CORRECT});
 * consent-service applies {@link #OPT_OUT} and {@link #LIMIT}.
 */
public enum RequestType {
    /** Right to know / access: a copy of the consumer's personal information, emailed to {@code subjectEmail}. */
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
