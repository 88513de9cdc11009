package io.chatprivacy.deletion.messaging.inbound;

import java.util.UUID;

/**
 * The fields of request-service's {@code request.export-requested.v1} this service reads: a fresh copy of
 * an ACCESS request's data, asked for when the earlier one did not reach the consumer.
 *
 * @param attempt 2 for the first fresh copy, 3 for the next, ... (the export made when the request opened
 *     is attempt 1); null when the producer left it out
 * @param subjectEmail where the copy goes: the request's address
 * @param subjectVisitorId the request's visitor id, may be null
 */
public record RequestExportRequestedData(
        UUID requestId, UUID accountId, Integer attempt, String subjectEmail, String subjectVisitorId) {}
