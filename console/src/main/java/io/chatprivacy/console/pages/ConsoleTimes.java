package io.chatprivacy.console.pages;

import io.chatprivacy.console.view.Times;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes {@link Times} available to the templates as {@code inject:when}, in the configured zone. */
@ApplicationScoped
public class ConsoleTimes {

    @Produces
    @Singleton
    @Named("when")
    Times times(@ConfigProperty(name = "console.time-zone") String zone) {
        return Times.in(zone);
    }

    /** A misspelt zone stops the console at start, not on the first page someone opens. */
    void checkAtStart(@Observes StartupEvent started, @Named("when") Times times) {
        times.zone();
    }
}
