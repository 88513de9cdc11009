package io.chatprivacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay under deploy/k8s/overlays (and the base) renders and passes every check. */
class OverlaysTest {

    static Stream<String> kustomizations() throws IOException {
        try (Stream<Path> dirs = Files.list(ManifestCheck.K8S.resolve("overlays"))) {
            List<String> overlays = dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> "overlays/" + d.getFileName())
                    .sorted()
                    .toList();
            return Stream.concat(Stream.of("base"), overlays.stream());
        }
    }

    @Test
    void theOverlaysTheReadmeOffersExist() throws IOException {
        assertThat(kustomizations()).contains("overlays/staging", "overlays/production", "overlays/with-operators");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersAndPassesEveryCheck(String kustomization) {
        List<String> problems = ManifestCheck.forProject().check(ManifestCheck.K8S.resolve(kustomization));

        assertThat(problems).as("problems in %s", kustomization).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersTheFourServicesWithTheirKafkaIdentities(String kustomization) {
        Map<String, Long> kinds = ManifestCheck.render(ManifestCheck.K8S.resolve(kustomization)).stream()
                .collect(Collectors.groupingBy(Resource::kind, Collectors.counting()));

        assertThat(kinds)
                .containsEntry("Deployment", 4L)
                .containsEntry("Service", 4L)
                .containsEntry("KafkaUser", 4L)
                .containsEntry("KafkaTopic", 22L);
    }

    @Test
    void withOperatorsAddsTheKafkaAndPostgresClusters() {
        Map<String, Long> kinds = ManifestCheck.render(ManifestCheck.K8S.resolve("overlays/with-operators")).stream()
                .collect(Collectors.groupingBy(r -> r.apiVersion() + " " + r.kind(), Collectors.counting()));

        assertThat(kinds)
                .containsEntry("kafka.strimzi.io/v1 Kafka", 1L)
                .containsEntry("kafka.strimzi.io/v1 KafkaNodePool", 1L)
                .containsEntry("postgresql.cnpg.io/v1 Cluster", 1L)
                .containsEntry("postgresql.cnpg.io/v1 Database", 4L);
    }

    @Test
    void everyKafkaUserReadsOnlyItsOwnConsumerGroup() {
        for (Resource user : kafkaUsers()) {
            Map<String, String> groups = new HashMap<>();
            for (JsonNode acl : user.body().at("/spec/authorization/acls")) {
                if (acl.at("/resource/type").asText().equals("group")) {
                    groups.put(
                            acl.at("/resource/name").asText(),
                            acl.at("/resource/patternType").asText());
                }
            }
            assertThat(groups).as(user.label()).isEqualTo(Map.of(user.name(), "literal"));
        }
    }

    @Test
    void theKafkaUsersNameExactlyTheTopicsThereAre() {
        List<String> topics = ManifestCheck.render(ManifestCheck.K8S.resolve("base")).stream()
                .filter(r -> r.kind().equals("KafkaTopic"))
                .map(Resource::name)
                .toList();
        Set<String> named = new HashSet<>();
        for (Resource user : kafkaUsers()) {
            for (JsonNode acl : user.body().at("/spec/authorization/acls")) {
                if (acl.at("/resource/type").asText().equals("topic")) {
                    named.add(acl.at("/resource/name").asText());
                }
            }
        }

        assertThat(named).containsExactlyInAnyOrderElementsOf(topics);
    }

    private static List<Resource> kafkaUsers() {
        return ManifestCheck.render(ManifestCheck.K8S.resolve("base")).stream()
                .filter(r -> r.kind().equals("KafkaUser"))
                .toList();
    }
}
