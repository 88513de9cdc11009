package io.chatprivacy.request.service;

import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The figures a business must publish about the requests it received in a calendar year, per request
 * type: received, complied with (in whole or in part), denied, and the median and mean days it took to
 * respond (from receipt to completion or decline, in calendar days of the statutory clock's zone).
 * Counted from the request records, which keep their dates after the identity in them is erased.
 */
@ApplicationScoped
public class RequestMetricsService {

    /** One type's figures; the averages are null when no request of the type was answered yet. */
    public record TypeFigures(
            RequestType type,
            long received,
            long compliedWith,
            long denied,
            long pending,
            Double medianDaysToRespond,
            Double meanDaysToRespond) {}

    /** A year's figures, one entry per request type. */
    public record YearFigures(int year, List<TypeFigures> types) {}

    private final RightsRequestRepository requests;
    private final StatutoryClock statutoryClock;

    RequestMetricsService(RightsRequestRepository requests, StatutoryClock statutoryClock) {
        this.requests = requests;
        this.statutoryClock = statutoryClock;
    }

    @Transactional
    public YearFigures year(UUID accountId, int year) {
        Instant from =
                LocalDate.of(year, 1, 1).atStartOfDay(statutoryClock.zone()).toInstant();
        Instant to =
                LocalDate.of(year + 1, 1, 1).atStartOfDay(statutoryClock.zone()).toInstant();
        Map<RequestType, long[]> counts = new EnumMap<>(RequestType.class);
        Map<RequestType, List<Long>> days = new EnumMap<>(RequestType.class);
        for (RequestType type : RequestType.values()) {
            counts.put(type, new long[4]);
            days.put(type, new ArrayList<>());
        }
        for (Object[] row : requests.outcomes(accountId, from, to)) {
            RequestType type = (RequestType) row[0];
            RequestStatus status = (RequestStatus) row[1];
            Instant receivedAt = (Instant) row[2];
            Instant closedAt = (Instant) row[3];
            long[] c = counts.get(type);
            c[0]++;
            if (status == RequestStatus.COMPLETED) {
                c[1]++;
            } else if (status == RequestStatus.DECLINED) {
                c[2]++;
            } else {
                c[3]++;
            }
            if (status.isFinal() && closedAt != null) {
                days.get(type).add(statutoryClock.calendarDaysBetween(receivedAt, closedAt));
            }
        }
        List<TypeFigures> figures = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            long[] c = counts.get(type);
            List<Long> d = days.get(type);
            figures.add(new TypeFigures(type, c[0], c[1], c[2], c[3], median(d), mean(d)));
        }
        return new YearFigures(year, figures);
    }

    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2).doubleValue() : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static Double mean(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        double sum = values.stream().mapToLong(Long::longValue).sum();
        return BigDecimal.valueOf(sum / values.size())
                .setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
