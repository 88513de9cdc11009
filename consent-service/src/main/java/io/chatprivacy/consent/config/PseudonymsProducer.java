package io.chatprivacy.consent.config;

import io.chatprivacy.consent.domain.Pseudonyms;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Base64;

/** Builds the keyed pseudonym function from {@code consent.pseudonym-key}; a bad key stops the start. */
public class PseudonymsProducer {

    @Produces
    @Singleton
    Pseudonyms pseudonyms(ConsentConfig config) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(config.pseudonymKey().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent.pseudonym-key (PSEUDONYM_KEY) is not base64");
        }
        return new Pseudonyms(key);
    }
}
