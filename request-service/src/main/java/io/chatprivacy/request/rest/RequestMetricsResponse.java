package io.chatprivacy.request.rest;

import io.chatprivacy.request.service.RequestMetricsService;
import java.util.List;

/**
 * The figures a business publishes for one calendar year, per request type: received, complied with
 * (in whole or in part), denied, still pending, and the median and mean days to respond (null when none
 * was answered).
 */
public record RequestMetricsResponse(int year, List<TypeMetrics> types) {

    /** One request type's figures. */
    public record TypeMetrics(
            String type,
            long received,
            long compliedWith,
            long denied,
            long pending,
            Double medianDaysToRespond,
            Double meanDaysToRespond) {}

    static RequestMetricsResponse of(RequestMetricsService.YearFigures figures) {
        return new RequestMetricsResponse(
                figures.year(),
                figures.types().stream()
                        .map(t -> new TypeMetrics(
                                t.type().name(),
                                t.received(),
                                t.compliedWith(),
                                t.denied(),
                                t.pending(),
                                t.medianDaysToRespond(),
                                t.meanDaysToRespond()))
                        .toList());
    }
}
