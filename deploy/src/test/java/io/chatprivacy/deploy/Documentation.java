package io.chatprivacy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What deploy/k8s documents about the Secrets created by hand: the README's text and the shapes in every
 * {@code secret.example.yaml} (Secret name to its keys).
 */
final class Documentation {

    private final String readme;
    private final Map<String, Set<String>> exampleSecretKeys;

    private Documentation(String readme, Map<String, Set<String>> exampleSecretKeys) {
        this.readme = readme;
        this.exampleSecretKeys = exampleSecretKeys;
    }

    static Documentation of(Path k8sDir) {
        try {
            String readme = Files.readString(k8sDir.resolve("README.md"));
            Map<String, Set<String>> keys = new HashMap<>();
            try (Stream<Path> files = Files.walk(k8sDir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().equals("secret.example.yaml"))
                        .toList()) {
                    for (Resource secret : Resource.parseFile(file)) {
                        if (secret.kind().equals("Secret")) {
                            Set<String> names = keys.computeIfAbsent(secret.name(), n -> new HashSet<>());
                            for (String field : new String[] {"data", "stringData"}) {
                                for (Iterator<String> it =
                                                secret.body().path(field).fieldNames();
                                        it.hasNext(); ) {
                                    names.add(it.next());
                                }
                            }
                        }
                    }
                }
            }
            return new Documentation(readme, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the README names the Secret (in backticks, as a name is written there). */
    boolean readmeNames(String secret) {
        return readme.contains("`" + secret + "`");
    }

    boolean hasExample(String secret) {
        return exampleSecretKeys.containsKey(secret);
    }

    boolean exampleHasKey(String secret, String key) {
        return exampleSecretKeys.getOrDefault(secret, Set.of()).contains(key);
    }

    static Set<String> keysOf(JsonNode secretOrConfigMap) {
        Set<String> keys = new HashSet<>();
        for (String field : new String[] {"data", "stringData", "binaryData"}) {
            secretOrConfigMap.path(field).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }
}
