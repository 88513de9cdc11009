package io.chatprivacy.request.domain;

import java.util.Objects;

/**
 * The state machine of a rights request, as a pure function of its status and what happened.
 *
 * <p>Events from other services may arrive late or for an older verification job; the machine never
 * lets them undo a final outcome. A late {@code verification-issued} after completion is ignored, an
 * expiry of a job that was already replaced by a newer one is only recorded, and a purge (or an
 * export) reported after a decline is recorded (the data is gone, or a copy went out, and the record
 * must say so) without turning the declined request into a completed one. The one way out of a final status is
 * an owner's reversal of a decline on the consumer's appeal, which opens the request again.
 */
public final class RequestLifecycle {

    /** What happened to a request. */
    public enum Trigger {
        /** deletion-service sent a verification code for a job of this request. */
        VERIFICATION_ISSUED,
        /** Too many wrong codes locked a job. */
        JOB_LOCKED,
        /** A job's code window passed unused. */
        JOB_EXPIRED,
        /** The purge was carried out. */
        PURGE_COMPLETED,
        /** The owner declines the request. */
        DECLINE,
        /** deletion-service prepared the copy an ACCESS request asked for; the request waits for the mail. */
        EXPORT_READY,
        /**
         * deletion-service found no data to verify the request against (a correction matching nothing): the
         * request is declined for {@link DeclineReason#CANNOT_VERIFY}, unless its outcome is already final.
         */
        UNVERIFIED,
        /** Another service carried out what the request asked (an opt-out applied, a copy sent). */
        FULFILLED,
        /** The owner or an agent takes the one extension of the response period. */
        EXTEND,
        /**
         * The owner or an agent asks for a fresh copy of an ACCESS request's data (its copy never reached the
         * consumer): recorded while the request is open, refused once its outcome is final.
         */
        RESEND_EXPORT,
        /** The consumer appeals the decline (where the jurisdiction grants an appeal): recorded, the decline stands. */
        APPEAL,
        /** The owner upholds the decline on appeal: recorded, the decline stands. */
        APPEAL_UPHELD,
        /** The owner reverses the decline on appeal: the one way out of a final status, back to OPEN. */
        APPEAL_REVERSED
    }

    /** How to treat a trigger. */
    public enum Effect {
        /** Move to {@link Decision#next()} and record it in the timeline. */
        TRANSITION,
        /** Record it in the timeline; the status stays. */
        RECORD,
        /** Drop it silently: it can no longer matter (a late or repeated event). */
        IGNORE,
        /** Refuse it: a caller asked for something the request's state forbids. */
        REJECT
    }

    /** The outcome of a trigger: the effect and the status afterwards. */
    public record Decision(Effect effect, RequestStatus next) {

        static Decision to(RequestStatus next) {
            return new Decision(Effect.TRANSITION, next);
        }

        static Decision record(RequestStatus current) {
            return new Decision(Effect.RECORD, current);
        }

        static Decision ignore(RequestStatus current) {
            return new Decision(Effect.IGNORE, current);
        }

        static Decision reject(RequestStatus current) {
            return new Decision(Effect.REJECT, current);
        }

        /** Whether the trigger leaves a timeline entry. */
        public boolean recorded() {
            return effect == Effect.TRANSITION || effect == Effect.RECORD;
        }
    }

    private RequestLifecycle() {}

    /**
     * Decides what a trigger does to a request.
     *
     * @param current the request's status
     * @param trigger what happened
     * @param concernsCurrentJob whether a job event is about the request's latest verification job
     *     (ignored for triggers that are not about a job)
     */
    public static Decision decide(RequestStatus current, Trigger trigger, boolean concernsCurrentJob) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(trigger, "trigger");
        return switch (current) {
            case OPEN ->
                switch (trigger) {
                    case VERIFICATION_ISSUED -> Decision.to(RequestStatus.AWAITING_VERIFICATION);
                    case JOB_LOCKED, JOB_EXPIRED, EXPORT_READY -> Decision.record(current);
                    case PURGE_COMPLETED, FULFILLED -> Decision.to(RequestStatus.COMPLETED);
                    case EXTEND, RESEND_EXPORT -> Decision.record(current);
                    case DECLINE, UNVERIFIED -> Decision.to(RequestStatus.DECLINED);
                    case APPEAL, APPEAL_UPHELD, APPEAL_REVERSED -> Decision.reject(current);
                };
            case AWAITING_VERIFICATION ->
                switch (trigger) {
                    // a new code for the same request (after a lock or a resend): same status, new job
                    case VERIFICATION_ISSUED, JOB_LOCKED, EXPORT_READY -> Decision.record(current);
                    case JOB_EXPIRED ->
                        concernsCurrentJob ? Decision.to(RequestStatus.EXPIRED) : Decision.record(current);
                    case PURGE_COMPLETED, FULFILLED -> Decision.to(RequestStatus.COMPLETED);
                    case EXTEND, RESEND_EXPORT -> Decision.record(current);
                    case DECLINE, UNVERIFIED -> Decision.to(RequestStatus.DECLINED);
                    case APPEAL, APPEAL_UPHELD, APPEAL_REVERSED -> Decision.reject(current);
                };
            case EXPIRED ->
                switch (trigger) {
                    // a fresh code for an expired request puts it back in play
                    case VERIFICATION_ISSUED -> Decision.to(RequestStatus.AWAITING_VERIFICATION);
                    case JOB_LOCKED, JOB_EXPIRED, EXPORT_READY -> Decision.record(current);
                    case PURGE_COMPLETED, FULFILLED -> Decision.to(RequestStatus.COMPLETED);
                    case EXTEND, RESEND_EXPORT -> Decision.record(current);
                    case DECLINE, UNVERIFIED -> Decision.to(RequestStatus.DECLINED);
                    case APPEAL, APPEAL_UPHELD, APPEAL_REVERSED -> Decision.reject(current);
                };
            case COMPLETED ->
                switch (trigger) {
                    case DECLINE, EXTEND, RESEND_EXPORT, APPEAL, APPEAL_UPHELD, APPEAL_REVERSED ->
                        Decision.reject(current);
                    default -> Decision.ignore(current);
                };
            case DECLINED ->
                switch (trigger) {
                    // the data is gone, or a copy went out: the record must say so, the decline stands
                    case PURGE_COMPLETED, FULFILLED, EXPORT_READY -> Decision.record(current);
                    case DECLINE, EXTEND, RESEND_EXPORT -> Decision.reject(current);
                    // only a declined request is appealed; a reversal on appeal reopens it to be carried out
                    case APPEAL, APPEAL_UPHELD -> Decision.record(current);
                    case APPEAL_REVERSED -> Decision.to(RequestStatus.OPEN);
                    default -> Decision.ignore(current);
                };
        };
    }
}
