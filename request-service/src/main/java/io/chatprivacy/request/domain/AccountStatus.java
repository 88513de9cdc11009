package io.chatprivacy.request.domain;

/** Whether an account's widget and agents may use the system. */
public enum AccountStatus {
    ACTIVE,
    DISABLED
}
