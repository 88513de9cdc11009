package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * How far the copy an ACCESS request asks for has come (ids and counts only, never content): which attempt
 * was last asked of deletion-service, the copy it prepared, and the delivery of the mail carrying it. The
 * copy is with the consumer once it was both {@linkplain #isReady() prepared} and {@linkplain #isSent()
 * mailed}; the two reports travel on different topics and may arrive in either order.
 *
 * @param exportId the copy deletion-service prepared
 * @param exportChatCount the chats in it
 * @param exportTicketCount the tickets in it
 * @param exportSentAt when notification-service reported the copy's mail delivered to the consumer
 * @param exportNotificationId that mail
 * @param exportAttempt the latest copy asked of deletion-service: 1 is the one {@code request.opened.v1} asks
 *     for, then re-sends
 * @param exportRequestedAt when the latest fresh copy was asked for
 */
@Embeddable
public record ExportProgress(
        @Column(name = "export_id") UUID exportId,
        @Column(name = "export_chat_count") Long exportChatCount,
        @Column(name = "export_ticket_count") Long exportTicketCount,
        @Column(name = "export_sent_at") Instant exportSentAt,
        @Column(name = "export_notification_id") UUID exportNotificationId,
        @Column(name = "export_attempt", nullable = false) int exportAttempt,
        @Column(name = "export_requested_at") Instant exportRequestedAt) {

    /** At most one fresh copy per request in this time, so that a double click does not mail the consumer twice. */
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    /** Where every request starts: the first copy (the one the opening asks for), not yet prepared nor sent. */
    public static final ExportProgress FIRST = new ExportProgress(null, null, null, null, null, 1, null);

    public ExportProgress {
        if (exportAttempt < 1) {
            throw new IllegalArgumentException("the first copy is attempt 1");
        }
    }

    /** Whether deletion-service reported a copy prepared. */
    public boolean isReady() {
        return exportId != null;
    }

    /** Whether notification-service reported the copy's mail delivered. */
    public boolean isSent() {
        return exportSentAt != null;
    }

    /** deletion-service prepared copy {@code exportId} of this many chats and tickets. */
    ExportProgress ready(UUID exportId, long chatCount, long ticketCount) {
        return new ExportProgress(
                Objects.requireNonNull(exportId, "exportId"),
                chatCount,
                ticketCount,
                exportSentAt,
                exportNotificationId,
                exportAttempt,
                exportRequestedAt);
    }

    /** notification-service delivered the mail carrying the copy, at {@code sentAt}. */
    ExportProgress sent(UUID notificationId, Instant sentAt) {
        return new ExportProgress(
                exportId,
                exportChatCount,
                exportTicketCount,
                Objects.requireNonNull(sentAt, "sentAt"),
                notificationId,
                exportAttempt,
                exportRequestedAt);
    }

    /**
     * The next attempt, asked for at {@code now}.
     *
     * @throws ExportRefusedException ({@link ExportRefusedException.Refusal#RECENTLY_REQUESTED}) less than
     *     {@link #RESEND_INTERVAL} after the previous one
     */
    ExportProgress nextAttempt(Instant now) {
        if (exportRequestedAt != null && now.isBefore(exportRequestedAt.plus(RESEND_INTERVAL))) {
            throw new ExportRefusedException(
                    ExportRefusedException.Refusal.RECENTLY_REQUESTED, exportRequestedAt.plus(RESEND_INTERVAL));
        }
        return new ExportProgress(
                exportId,
                exportChatCount,
                exportTicketCount,
                exportSentAt,
                exportNotificationId,
                exportAttempt + 1,
                Objects.requireNonNull(now, "now"));
    }
}
