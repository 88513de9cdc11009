package io.chatprivacy.console.clients;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * request-service's refusal of a consumer's request, as the privacy center shows it: the status, the problem's
 * kind (the last part of its {@code type}: {@code wrong-code}, {@code code-expired}, …), title and detail, each
 * field at fault with the service's own message, and the attempts left after a wrong code. Nothing else of the
 * answer is kept; the consumer's address is never part of it.
 */
public record PrivacyProblem(
        int status, String kind, String title, String detail, Map<String, String> fields, Integer attemptsLeft) {

    /** The problem a failed call answered, or a plain one for an answer that is no problem document. */
    public static PrivacyProblem of(WebApplicationException failure) {
        Response response = failure.getResponse();
        int status = response == null ? 502 : response.getStatus();
        return ProblemDocuments.read(response)
                .map(problem -> of(status, problem))
                .orElseGet(() -> new PrivacyProblem(status, "", "", "", Map.of(), null));
    }

    /** The problem document {@code problem} answered with {@code status}. */
    public static PrivacyProblem of(int status, JsonNode problem) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode violation : problem.path("violations")) {
            String field = violation.path("field").asText("");
            String message = violation.path("message").asText("");
            if (!message.isEmpty()) {
                fields.merge(field, message, (a, b) -> a.equals(b) ? a : a + "; " + b);
            }
        }
        JsonNode attempts = problem.path("attemptsLeft");
        return new PrivacyProblem(
                status,
                kind(problem.path("type").asText("")),
                problem.path("title").asText(""),
                problem.path("detail").asText(""),
                fields,
                attempts.isNumber() ? attempts.asInt() : null);
    }

    /** {@code urn:chat-privacy:problem:wrong-code} and {@code https://…/wrong-code} are both {@code wrong-code}. */
    static String kind(String type) {
        int cut = Math.max(type.lastIndexOf('/'), type.lastIndexOf(':'));
        return type.substring(cut + 1);
    }

    /** The messages for fields the page has no place for (and for none), as {@code field: message}. */
    public List<String> otherFields(List<String> shownBesideAField) {
        List<String> others = new ArrayList<>();
        fields.forEach((field, message) -> {
            if (!shownBesideAField.contains(field)) {
                others.add(field.isEmpty() ? message : field + ": " + message);
            }
        });
        return others;
    }
}
