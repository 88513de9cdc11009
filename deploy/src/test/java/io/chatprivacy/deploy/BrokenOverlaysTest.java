package io.chatprivacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proof that the checks fail: each overlay under src/test/resources/broken takes the real base and breaks one
 * thing, and the check must name exactly that.
 */
class BrokenOverlaysTest {

    private static List<String> problemsOf(String overlay) {
        Path dir = ManifestCheck.MODULE.resolve("src/test/resources/broken").resolve(overlay);
        return ManifestCheck.forProject().check(dir);
    }

    @Test
    void aMisspeltFieldOfABuiltInKindIsRefused() {
        assertThat(problemsOf("misspelt-field"))
                .containsExactly("Deployment chat-privacy/consent-service: The field `readOnlyRootFilesytem` in the"
                        + " JSON string is not defined in the `V1SecurityContext` properties.");
    }

    @Test
    void aKafkaTopicOfTheRetiredV1beta2ApiIsRefused() {
        assertThat(problemsOf("old-apiversion"))
                .containsExactly("KafkaTopic kafka/retired-api-topic: apiVersion kafka.strimzi.io/v1beta2 is not"
                        + " served for KafkaTopic (served: [kafka.strimzi.io/v1])");
    }

    @Test
    void aSecretNobodyDocumentedIsRefused() {
        assertThat(problemsOf("missing-secret"))
                .containsExactly("Deployment chat-privacy/consent-service, container consent-service: Secret"
                        + " undocumented-secret (key token) is neither rendered, nor made by an operator from a"
                        + " rendered resource, nor documented: deploy/k8s/README.md does not name"
                        + " `undocumented-secret`; no secret.example.yaml shows it");
    }

    @Test
    void aKafkaUserAclInTheOldSingleOperationFormIsRefused() {
        assertThat(problemsOf("kafkauser-single-operation"))
                .containsExactlyInAnyOrder(
                        "KafkaUser chat-privacy/consent-service: .spec.authorization.acls[0]: unknown field"
                                + " `operation`",
                        "KafkaUser chat-privacy/consent-service: .spec.authorization.acls[0]: required field"
                                + " `operations` is missing");
    }

    @Test
    void aContainerBreakingThePoliciesIsRefusedForEachRule() {
        assertThat(problemsOf("policy-violations"))
                .containsExactlyInAnyOrder(
                        "Deployment chat-privacy/deletion-service, container deletion-service: allowPrivilegeEscalation"
                                + " is not false",
                        "Deployment chat-privacy/deletion-service, container deletion-service: readinessProbe is not"
                                + " set",
                        "Deployment chat-privacy/deletion-service, container deletion-service: livenessProbe points at"
                                + " port 8081, which the container does not declare (declared: [8080, 9000, http,"
                                + " management])",
                        "Deployment chat-privacy/deletion-service, container deletion-service: resources.limits.memory"
                                + " is not set",
                        "Deployment chat-privacy/deletion-service, container deletion-service: runAsUser must be a"
                                + " non-zero number, is 0");
    }

    @Test
    void aMisspeltFieldInAnyCustomResourceIsRefused() {
        assertThat(problemsOf("custom-resources-misspelt"))
                .containsExactlyInAnyOrder(
                        "Kafka kafka/chat-privacy: .spec.entityOperator: unknown field `userOperater`",
                        "Cluster chat-privacy/chat-privacy-db: .spec.managed.roles[0]: unknown field `passwordSecrt`",
                        "ServiceMonitor chat-privacy/chat-privacy: .spec.endpoints[0]: unknown field `prot`");
    }
}
