package io.chatprivacy.request.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Reads the jurisdiction packs ({@code request.jurisdictions}, from {@code jurisdictions/<code>.json}) once, at
 * start-up: a missing or broken pack, or a {@code request.default-jurisdiction} without one, fails the start with
 * a message naming the file and every fault.
 */
@ApplicationScoped
public class JurisdictionPacksProducer {

    private static final Logger LOG = Logger.getLogger(JurisdictionPacksProducer.class);

    @Produces
    @Singleton
    JurisdictionPacks jurisdictionPacks(ObjectMapper mapper, RequestConfig config) {
        JurisdictionPacks packs =
                JurisdictionPacks.fromClassPath(mapper, config.jurisdictions(), config.defaultJurisdiction());
        LOG.infof(
                "Jurisdiction packs: %s (default %s)",
                packs.all().stream().map(p -> p.code()).toList(),
                packs.defaultPack().code());
        return packs;
    }

    /** Reads the packs at start-up rather than at the first request, so a broken one stops the start. */
    void onStart(@Observes StartupEvent event, JurisdictionPacks packs) {
        packs.defaultPack();
    }
}
