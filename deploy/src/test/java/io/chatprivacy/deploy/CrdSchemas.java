package io.chatprivacy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The CustomResourceDefinitions under src/test/resources/schemas, by group and kind, with their served versions. */
final class CrdSchemas {

    /** A kind's served versions and their OpenAPI v3 schemas. */
    record Crd(String group, String kind, Map<String, JsonNode> servedSchemas) {}

    private final Map<String, Crd> byGroupAndKind = new HashMap<>();

    static CrdSchemas load(Path dir) {
        CrdSchemas schemas = new CrdSchemas();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Resource document : Resource.parseFile(file)) {
                    if (document.kind().equals("CustomResourceDefinition")) {
                        schemas.add(document.body());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private void add(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        Map<String, JsonNode> served = new TreeMap<>();
        for (JsonNode version : spec.path("versions")) {
            if (version.path("served").asBoolean(false)) {
                served.put(version.path("name").asText(), version.path("schema").path("openAPIV3Schema"));
            }
        }
        byGroupAndKind.put(group + "/" + kind, new Crd(group, kind, served));
    }

    Optional<Crd> find(String group, String kind) {
        return Optional.ofNullable(byGroupAndKind.get(group + "/" + kind));
    }

    List<String> kinds() {
        return new ArrayList<>(new TreeMap<>(byGroupAndKind).keySet());
    }
}
