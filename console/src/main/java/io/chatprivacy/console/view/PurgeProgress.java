package io.chatprivacy.console.view;

import java.time.Duration;
import java.time.Instant;

/**
 * How the deletion page shows a deletion job: which step it is at, what the owner may do, and how far a
 * purge has got. Pure: from deletion-service's answer and the moment of the page alone.
 *
 * @param step where the job stands
 * @param done chats and tickets deleted so far
 * @param total chats and tickets the job counted when its code was issued
 * @param percent {@code done} of {@code total}, 0 to 100 (100 when there was nothing to delete)
 * @param label the progress in words
 * @param codeWindow how long the code still works (while a code is awaited), else empty
 */
public record PurgeProgress(Step step, int done, int total, int percent, String label, String codeWindow) {

    /** The steps of a deletion job, as the page groups deletion-service's statuses. */
    public enum Step {
        /** A code was mailed to the account's address; the owner may present it. */
        AWAITING_CODE,
        /** The right code was presented; the purge runs until done. */
        PURGING,
        /** Purged; the receipt is written. */
        COMPLETED,
        /** Too many wrong codes, or the code's window passed: the owner may ask for a new code. */
        STOPPED,
        /** The request was declined: nothing will be deleted. */
        DECLINED,
        /** A status this page does not know. */
        OTHER
    }

    /**
     * @param status deletion-service's job status
     * @param chatCount chats the job counted
     * @param ticketCount tickets the job counted
     * @param chatsDeleted chats deleted so far
     * @param ticketsDeleted tickets deleted so far
     * @param codeExpiresAt when the code stops working (may be null)
     * @param now the moment of the page
     */
    public static PurgeProgress of(
            String status,
            int chatCount,
            int ticketCount,
            int chatsDeleted,
            int ticketsDeleted,
            Instant codeExpiresAt,
            Instant now) {
        Step step = step(status);
        int total = Math.max(0, chatCount) + Math.max(0, ticketCount);
        int done = Math.max(0, chatsDeleted) + Math.max(0, ticketsDeleted);
        // items tagged after the code was issued are purged too: never show more than 100 %
        int percent = total == 0 ? 100 : (int) Math.min(100, (long) done * 100 / total);
        String label = switch (step) {
            case PURGING ->
                total == 0
                        ? "finishing: nothing was counted to delete"
                        : done + " of " + total + " chats and tickets deleted so far (" + percent + " %): "
                                + chatsDeleted + " of " + chatCount + " chats, " + ticketsDeleted + " of "
                                + ticketCount + " tickets";
            case COMPLETED ->
                done + " " + (done == 1 ? "chat or ticket" : "chats and tickets") + " deleted: " + chatsDeleted
                        + " " + plural(chatsDeleted, "chat", "chats") + ", " + ticketsDeleted + " "
                        + plural(ticketsDeleted, "ticket", "tickets");
            default ->
                chatCount + " " + plural(chatCount, "chat", "chats") + " and " + ticketCount + " "
                        + plural(ticketCount, "ticket", "tickets") + " to delete";
        };
        String window = step == Step.AWAITING_CODE ? window(codeExpiresAt, now) : "";
        return new PurgeProgress(step, done, total, percent, label, window);
    }

    /** Whether the owner may present a code now. */
    public boolean awaitingCode() {
        return step == Step.AWAITING_CODE;
    }

    /** Whether a new code may be asked for: while a code is awaited, and after a lock or an expiry. */
    public boolean newCodeAllowed() {
        return step == Step.AWAITING_CODE || step == Step.STOPPED;
    }

    public boolean purging() {
        return step == Step.PURGING;
    }

    public boolean completed() {
        return step == Step.COMPLETED;
    }

    /** Locked, expired or superseded: this code is done with. */
    public boolean stopped() {
        return step == Step.STOPPED;
    }

    public boolean declined() {
        return step == Step.DECLINED;
    }

    /** Whether the page should reload itself: only while the purge runs. */
    public boolean refresh() {
        return step == Step.PURGING;
    }

    static Step step(String status) {
        if (status == null) {
            return Step.OTHER;
        }
        return switch (status) {
            case "AWAITING_VERIFICATION" -> Step.AWAITING_CODE;
            case "PURGING" -> Step.PURGING;
            case "COMPLETED" -> Step.COMPLETED;
            case "LOCKED", "EXPIRED", "SUPERSEDED" -> Step.STOPPED;
            case "CANCELLED" -> Step.DECLINED;
            default -> Step.OTHER;
        };
    }

    static String window(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return "";
        }
        if (!now.isBefore(expiresAt)) {
            return "the code has expired; ask for a new one";
        }
        long minutes = Duration.between(now, expiresAt).toMinutes();
        if (minutes < 1) {
            return "the code expires in less than a minute";
        }
        return "the code expires in " + minutes + " " + plural(minutes, "minute", "minutes");
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
