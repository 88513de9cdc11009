package io.chatprivacy.request.drp;

import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Data Rights Protocol's vocabulary against ours, each as one table (pure; {@code DrpMappingTest}): the rights
 * actions (spec §3.01) we take, the request statuses and reasons (§3.02) our intakes and requests show as, and our
 * decline reasons as the spec's enumerated denial reasons.
 */
public final class DrpMapping {

    /** The spec's request states (§3.02). */
    public enum Status {
        open,
        in_progress,
        fulfilled,
        revoked,
        denied,
        expired
    }

    /** The spec's reasons (§3.02); {@code none} is sent as no reason. */
    public enum Reason {
        none,
        need_user_verification,
        suspected_fraud,
        insuf_verification,
        no_match,
        claim_not_covered,
        outside_jurisdiction,
        too_many_requests,
        other
    }

    /** A status the agent sees: the state and its reason. */
    public record Seen(Status status, Reason reason) {
        public boolean isFinal() {
            return status != Status.open && status != Status.in_progress;
        }
    }

    /**
     * The rights actions we take, by the spec's name. {@code access:categories} (its semantics left open by the
     * spec) and {@code sale:opt_in} (a re-consent, not a right we receive as a request) are not in it: denied as
     * {@code claim_not_covered}.
     */
    public static final Map<String, RequestType> ACTIONS = Map.of(
            "sale:opt_out", RequestType.OPT_OUT,
            "deletion", RequestType.DELETE,
            "access", RequestType.ACCESS,
            "access:specific", RequestType.ACCESS);

    /** The regime we take requests under; none at all is a voluntary request, taken as the CCPA's too. */
    public static final String REGIME = "ccpa";

    /** Our decline reasons as the spec's denial reasons. */
    public static final Map<DeclineReason, Reason> DECLINES = Map.of(
            DeclineReason.CANNOT_VERIFY, Reason.insuf_verification,
            DeclineReason.BUSINESS_NECESSITY, Reason.claim_not_covered,
            DeclineReason.LEGAL_HOLD, Reason.claim_not_covered,
            DeclineReason.SERVICE_PROVIDER_NEED, Reason.claim_not_covered);

    private DrpMapping() {}

    /** The request type an action asks for, or empty when we do not take it. */
    public static Optional<RequestType> action(String exercise) {
        return Optional.ofNullable(exercise == null ? null : ACTIONS.get(exercise));
    }

    /** The reason a request under this regime is denied at once, or empty when we take it. */
    public static Optional<Reason> regimeDenial(String regime) {
        return regime == null || regime.isBlank() || REGIME.equals(regime)
                ? Optional.empty()
                : Optional.of(Reason.outside_jurisdiction);
    }

    /**
     * What an intake still waiting for the consumer's code shows: {@code in_progress}/{@code
     * need_user_verification} while a code can still be presented or asked for; {@code denied}/{@code
     * insuf_verification} once it locked, or once its last code expired; {@code revoked} once the agent revoked it.
     */
    public static Seen waiting(ConsumerIntake.Status status, Instant codeExpiresAt, boolean codesLeft, Instant now) {
        if (status == ConsumerIntake.Status.LOCKED) {
            return new Seen(Status.denied, Reason.insuf_verification);
        }
        if (status == ConsumerIntake.Status.WITHDRAWN) {
            return new Seen(Status.revoked, Reason.none);
        }
        boolean expired = codeExpiresAt != null && !now.isBefore(codeExpiresAt);
        if (expired && !codesLeft) {
            return new Seen(Status.denied, Reason.insuf_verification);
        }
        return new Seen(Status.in_progress, Reason.need_user_verification);
    }

    /** What an opened request shows: in progress while open, fulfilled when completed, denied when declined. */
    public static Seen opened(RequestStatus status, DeclineReason declined) {
        return switch (status) {
            case OPEN, AWAITING_VERIFICATION, EXPIRED -> new Seen(Status.in_progress, Reason.none);
            case COMPLETED -> new Seen(Status.fulfilled, Reason.none);
            case DECLINED -> new Seen(Status.denied, declined == null ? Reason.other : DECLINES.get(declined));
        };
    }
}
