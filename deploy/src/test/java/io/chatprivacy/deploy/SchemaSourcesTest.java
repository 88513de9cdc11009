package io.chatprivacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

/** The schema sources themselves: each refuses what it must and accepts what is valid. */
class SchemaSourcesTest {

    private static final String POD = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
             "spec": {"containers": [{"name": "c", "image": "i",
               "securityContext": {"%s": true}}]}}""";

    @Test
    void theKubernetesModelsRefuseAnUnknownField() {
        assertThat(CoreSchemas.validate(V1Pod.class, POD.formatted("readOnlyRootFilesytem")))
                .hasValue("The field `readOnlyRootFilesytem` in the JSON string is not defined in the"
                        + " `V1SecurityContext` properties.");
    }

    @Test
    void theKubernetesModelsAcceptTheFieldSpeltRight() {
        assertThat(CoreSchemas.validate(V1Pod.class, POD.formatted("readOnlyRootFilesystem")))
                .isEmpty();
    }

    @Test
    void theKubernetesModelsRefuseAMissingRequiredField() {
        assertThat(CoreSchemas.validate(V1Pod.class, "{\"spec\": {\"containers\": [{\"image\": \"i\"}]}}"))
                .hasValueSatisfying(message -> assertThat(message).contains("`name`"));
    }

    @Test
    void theStrimziTopicSchemaRefusesAnUnknownFieldAndKeepsTopicConfigOpen() {
        var topic = ManifestCheck.crds().find("kafka.strimzi.io", "KafkaTopic").orElseThrow();
        var schema = topic.servedSchemas().get("v1");

        assertThat(topic.servedSchemas()).containsOnlyKeys("v1");
        assertThat(CrdSchemaValidator.validate(
                        Resource.YAML.valueToTree(java.util.Map.of(
                                "apiVersion",
                                "kafka.strimzi.io/v1",
                                "kind",
                                "KafkaTopic",
                                "metadata",
                                java.util.Map.of("name", "t"),
                                "spec",
                                java.util.Map.of("partitons", 3, "config", java.util.Map.of("any.key", 1)))),
                        schema))
                .containsExactly(".spec: unknown field `partitons`");
    }

    @Test
    void theCrdCheckRefusesAWrongTypeAndAValueOutsideTheEnum() {
        var schema = ManifestCheck.crds()
                .find("kafka.strimzi.io", "KafkaUser")
                .orElseThrow()
                .servedSchemas()
                .get("v1");

        assertThat(CrdSchemaValidator.validate(
                        Resource.YAML.valueToTree(java.util.Map.of(
                                "apiVersion",
                                "kafka.strimzi.io/v1",
                                "kind",
                                "KafkaUser",
                                "metadata",
                                java.util.Map.of("name", "u"),
                                "spec",
                                java.util.Map.of(
                                        "authentication", java.util.Map.of("type", "scram-sha-256"),
                                        "quotas", java.util.Map.of("producerByteRate", "lots")))),
                        schema))
                .containsExactlyInAnyOrder(
                        ".spec.authentication.type: \"scram-sha-256\" is not one of"
                                + " [\"tls\",\"tls-external\",\"scram-sha-512\"]",
                        ".spec.quotas.producerByteRate: must be an integer, is string \"lots\"");
    }
}
