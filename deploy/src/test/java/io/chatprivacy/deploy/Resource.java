package io.chatprivacy.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One document of a rendered overlay (or of a YAML file), with the fields every check names it by. */
record Resource(String apiVersion, String kind, String namespace, String name, JsonNode body) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Resource of(JsonNode body) {
        JsonNode metadata = body.path("metadata");
        return new Resource(
                body.path("apiVersion").asText(""),
                body.path("kind").asText(""),
                metadata.path("namespace").asText(""),
                metadata.path("name").asText(""),
                body);
    }

    /** The API group: "" for the core group, "apps" for apps/v1, ... */
    String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    String version() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** How problems name it: {@code Deployment chat-privacy/consent-service}. */
    String label() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    static List<Resource> parseAll(String yaml) {
        List<Resource> resources = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml);
                MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    resources.add(of(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    static List<Resource> parseFile(Path file) {
        try {
            return parseAll(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
