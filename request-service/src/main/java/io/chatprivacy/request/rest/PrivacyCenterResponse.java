package io.chatprivacy.request.rest;

import io.chatprivacy.request.domain.Account;
import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.domain.RequestType;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An account's privacy center: whose it is and which rights it takes, each saying whether a code is needed. */
public record PrivacyCenterResponse(UUID accountId, String accountName, List<Right> rights) {

    /** A right a consumer may ask for here, and whether they prove their address with a code first. */
    public record Right(RequestType type, boolean verification) {}

    static PrivacyCenterResponse of(Account account) {
        return new PrivacyCenterResponse(
                account.id(),
                account.name(),
                Arrays.stream(RequestType.values())
                        .map(t -> new Right(t, ConsumerIntake.needsVerification(t)))
                        .toList());
    }
}
