package io.chatprivacy.request.domain;

/** The reasons the CCPA/CPRA allow for declining a request, as recorded with a decline. */
public enum DeclineReason {
    /** The business needs the data (to complete a transaction, for security, as the law allows). */
    BUSINESS_NECESSITY,
    /** A legal obligation or litigation hold requires keeping the data. */
    LEGAL_HOLD,
    /** A service provider needs the data to perform a service the law allows. */
    SERVICE_PROVIDER_NEED,
    /** The requester's identity could not be verified. */
    CANNOT_VERIFY
}
