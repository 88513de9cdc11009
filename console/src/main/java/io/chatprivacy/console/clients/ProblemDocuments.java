package io.chatprivacy.console.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Reads the {@code application/problem+json} document a service answered a failed call with, if it is one. */
final class ProblemDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemDocuments() {}

    /** The answer's problem document, or empty for no answer, an empty one or one that is no JSON object. */
    static Optional<JsonNode> read(Response response) {
        try {
            String body = response == null ? null : response.readEntity(String.class);
            JsonNode problem = body == null || body.isBlank() ? null : JSON.readTree(body);
            return problem != null && problem.isObject() ? Optional.of(problem) : Optional.empty();
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }
}
