package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.OptOutService;
import java.time.Instant;

/**
 * Whether the visitor's opt-out of sale/sharing (and any limit on sensitive data) is honoured, and whether their
 * personal information may be sold or shared at all.
 *
 * @param optedOut an opt-out was recorded (GPC, the widget, a rights request): show "Opt-out request honoured"
 * @param saleSharingAllowed whether the business may sell or share the visitor's personal information: false when
 *     opted out, and for a visitor known to be under 16 until their opt-in (13 to 15) or a parent's authorization
 *     (under 13)
 * @param saleSharingReason {@code NOT_OPTED_OUT}, {@code OPTED_OUT}, {@code MINOR_NO_OPT_IN}, {@code
 *     MINOR_NO_PARENTAL_AUTHORIZATION}, {@code MINOR_OPTED_IN} or {@code PARENTAL_AUTHORIZATION}
 * @param ageBand the youngest age band known ({@code UNDER_13}, {@code 13_TO_15}), or null
 * @param optedInAt when the opt-in (or parent's authorization) that allows sale/sharing was recorded, or null
 */
public record OptOutStatusResponse(
        String visitorId,
        boolean optedOut,
        Instant optedOutAt,
        boolean sensitiveUseLimited,
        Instant sensitiveUseLimitedAt,
        boolean saleSharingAllowed,
        String saleSharingReason,
        String ageBand,
        Instant optedInAt) {

    static OptOutStatusResponse of(OptOutService.Status status) {
        var sale = status.saleSharing();
        return new OptOutStatusResponse(
                status.visitorId(),
                status.optedOut(),
                status.saleSharingOptedOutAt(),
                status.sensitiveLimited(),
                status.sensitiveLimitedAt(),
                sale.allowed(),
                sale.reason().name(),
                sale.ageBand() == null ? null : sale.ageBand().wire(),
                sale.optedInAt());
    }
}
