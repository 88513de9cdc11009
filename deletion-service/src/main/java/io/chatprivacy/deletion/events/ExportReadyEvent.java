package io.chatprivacy.deletion.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An ACCESS request's export is ready ({@code deletion.export-ready.v1}); published once per request, in
 * the transaction that snapshots it. notification-service mails {@code subjectEmail} a link to the copy
 * carrying the token (the copy itself opens only with a further one-time code, see {@link
 * ExportCodeIssuedEvent}); request-service records the counts. Subject: the export id.
 *
 * @param subjectEmail where the copy goes, as the ACCESS request named it (the one personal datum in
 *     this service's events, because the mail cannot be sent without it)
 * @param chatCount chats in the export
 * @param ticketCount tickets in the export
 * @param sealedToken the export's access token, sealed for notification-service like {@code sealedCode}
 *     but with {@code "export|" + exportId} as associated data
 * @param expiresAt after this the export can no longer be read (410, then 404)
 * @param coversFrom the copy holds what was collected at or after this instant (the right to know reaches
 *     back to 1 January 2022); an additive field: absent from events published before it was added
 */
public record ExportReadyEvent(
        UUID exportId,
        UUID requestId,
        UUID accountId,
        String subjectEmail,
        int chatCount,
        int ticketCount,
        String sealedToken,
        Instant preparedAt,
        Instant expiresAt,
        Instant coversFrom)
        implements DeletionEvent {

    public static final String TYPE = "deletion.export-ready.v1";

    @Override
    public String subject() {
        return exportId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
