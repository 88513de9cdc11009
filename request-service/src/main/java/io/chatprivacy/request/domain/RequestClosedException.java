package io.chatprivacy.request.domain;

import java.util.UUID;

/** A change was asked of a request whose outcome is already final (completed or declined). */
public class RequestClosedException extends RuntimeException {

    private final RequestStatus status;

    public RequestClosedException(UUID requestId, RequestStatus status) {
        super("request " + requestId + " is already " + status);
        this.status = status;
    }

    public RequestStatus status() {
        return status;
    }
}
