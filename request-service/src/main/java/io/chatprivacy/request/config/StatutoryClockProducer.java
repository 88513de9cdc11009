package io.chatprivacy.request.config;

import io.chatprivacy.request.domain.HolidayCalendar;
import io.chatprivacy.request.domain.StatutoryClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Builds the one {@link StatutoryClock} the service counts with, from {@link RequestConfig}. */
@ApplicationScoped
public class StatutoryClockProducer {

    @Produces
    @Singleton
    StatutoryClock statutoryClock(RequestConfig config) {
        return new StatutoryClock(
                config.zone(),
                HolidayCalendar.of(config.holidays(), config.extraHolidays().orElse(List.of())));
    }
}
