package io.chatprivacy.console.clients;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's refusal as the console shows it: the {@code application/problem+json} answer's status, title,
 * detail and the fields it names. Nothing else of the answer is kept.
 */
public record ServiceProblem(int status, String title, String detail, List<String> fields) {

    /** The problem a failed call answered, or a plain one for an answer that is no problem document. */
    public static ServiceProblem of(WebApplicationException failure) {
        Response response = failure.getResponse();
        int status = response == null ? 502 : response.getStatus();
        return ProblemDocuments.read(response)
                .map(problem -> {
                    List<String> fields = new ArrayList<>();
                    for (JsonNode violation : problem.path("violations")) {
                        String field = violation.path("field").asText("");
                        String message = violation.path("message").asText("");
                        fields.add(field.isEmpty() ? message : field + ": " + message);
                    }
                    return new ServiceProblem(
                            status,
                            problem.path("title").asText(title(status)),
                            problem.path("detail").asText(""),
                            fields);
                })
                .orElseGet(() -> new ServiceProblem(status, title(status), "", List.of()));
    }

    private static String title(int status) {
        return switch (status) {
            case 401 -> "Your session has ended; sign in again.";
            case 403 -> "Your role does not allow this.";
            case 404 -> "Not found in your account.";
            default -> status >= 500 ? "The service could not answer; try again shortly." : "The service refused this.";
        };
    }
}
