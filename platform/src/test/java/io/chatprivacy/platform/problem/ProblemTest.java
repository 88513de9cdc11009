package io.chatprivacy.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void extensionMembersAreWrittenBesideTheStandardOnesInTheOrderAdded() throws Exception {
        Problem problem = Problem.of(
                        "wrong-code",
                        "Wrong code",
                        422,
                        "2 attempts left.",
                        List.of(new Problem.Violation("code", "x")))
                .with("attemptsLeft", 2)
                .with("fatal", true);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(problem));

        assertThat(json.get("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(json.get("fatal").asBoolean()).isTrue();
        assertThat(json.has("extensions")).isFalse();
        assertThat(json.get("violations").get(0).get("field").asText()).isEqualTo("code");
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly("type", "title", "status", "detail", "violations", "attemptsLeft", "fatal");
    }

    @Test
    void aProblemWithoutExtensionsWritesOnlyTheStandardMembers() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(Problem.ofStatus(404)));

        assertThat(json.fieldNames()).toIterable().containsExactly("type", "title", "status", "detail");
    }

    @Test
    void anExtensionCannotReplaceAStandardMember() {
        Problem problem = Problem.ofStatus(400);

        assertThatThrownBy(() -> problem.with("status", 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> problem.with("violations", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> problem.with("note", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withInstanceKeepsTheExtensions() {
        Problem problem = Problem.ofStatus(422).with("attemptsLeft", 1).withInstance("/x");

        assertThat(problem.instance()).isEqualTo("/x");
        assertThat(problem.extensions()).containsEntry("attemptsLeft", 1);
    }
}
