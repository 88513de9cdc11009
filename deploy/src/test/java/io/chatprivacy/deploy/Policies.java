package io.chatprivacy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's rules for every pod an overlay renders: non-root, read-only root filesystem, no privilege
 * escalation, all capabilities dropped, requests and a memory limit, three probes on declared ports, and every
 * Secret or ConfigMap it reads accounted for (rendered, made by an operator from a rendered resource, or
 * documented for the operator to create).
 */
final class Policies {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    /** Secrets an operator writes for a rendered resource: kind to the Secret names' suffix and its keys. */
    private static final Map<String, Map<String, Set<String>>> OPERATOR_SECRETS = Map.of(
            // Strimzi's User Operator: a Secret named after the SCRAM-SHA-512 KafkaUser
            "KafkaUser", Map.of("", Set.of("password", "sasl.jaas.config")),
            // CloudNativePG: <cluster>-ca (and others this project does not read)
            "Cluster", Map.of("-ca", Set.of("ca.crt", "ca.key")));

    private Policies() {}

    static List<String> check(List<Resource> rendered, Documentation docs) {
        List<String> problems = new ArrayList<>();
        for (Resource resource : rendered) {
            if (!WORKLOADS.contains(resource.kind())) {
                continue;
            }
            JsonNode pod = resource.body().path("spec").path("template").path("spec");
            checkPod(resource, pod, rendered, docs, problems);
        }
        return problems;
    }

    private static void checkPod(
            Resource owner, JsonNode pod, List<Resource> rendered, Documentation docs, List<String> problems) {
        JsonNode podSecurity = pod.path("securityContext");
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        int initCount = containers.size();
        pod.path("containers").forEach(containers::add);
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            boolean init = i < initCount;
            String where =
                    owner.label() + ", container " + container.path("name").asText("?") + ": ";
            JsonNode security = container.path("securityContext");

            JsonNode nonRoot = first(security.path("runAsNonRoot"), podSecurity.path("runAsNonRoot"));
            if (!nonRoot.asBoolean(false)) {
                problems.add(where + "runAsNonRoot is not true");
            }
            JsonNode user = first(security.path("runAsUser"), podSecurity.path("runAsUser"));
            if (!user.isIntegralNumber() || user.asLong() == 0) {
                problems.add(
                        where + "runAsUser must be a non-zero number, is " + (user.isMissingNode() ? "unset" : user));
            }
            if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                problems.add(where + "readOnlyRootFilesystem is not true");
            }
            if (!security.path("allowPrivilegeEscalation").isBoolean()
                    || security.path("allowPrivilegeEscalation").asBoolean()) {
                problems.add(where + "allowPrivilegeEscalation is not false");
            }
            boolean dropsAll = false;
            for (JsonNode capability : security.path("capabilities").path("drop")) {
                dropsAll |= capability.asText().equals("ALL");
            }
            if (!dropsAll) {
                problems.add(where + "capabilities.drop does not contain ALL");
            }
            JsonNode resources = container.path("resources");
            for (String required : List.of("requests.cpu", "requests.memory", "limits.memory")) {
                String[] parts = required.split("\\.");
                if (resources.path(parts[0]).path(parts[1]).isMissingNode()) {
                    problems.add(where + "resources." + required + " is not set");
                }
            }
            if (!init) {
                checkProbes(container, where, problems);
            }
            checkReferences(owner, pod, container, where, rendered, docs, problems);
        }
    }

    private static void checkProbes(JsonNode container, String where, List<String> problems) {
        Set<String> ports = new java.util.TreeSet<>();
        for (JsonNode port : container.path("ports")) {
            ports.add(port.path("containerPort").asText());
            if (port.has("name")) {
                ports.add(port.path("name").asText());
            }
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode handler = container.path(probe);
            if (handler.isMissingNode()) {
                problems.add(where + probe + " is not set");
                continue;
            }
            JsonNode port = first(
                    handler.path("httpGet").path("port"),
                    handler.path("tcpSocket").path("port"),
                    handler.path("grpc").path("port"));
            if (port.isMissingNode()) {
                if (handler.has("exec")) {
                    continue;
                }
                problems.add(where + probe + " has no port");
            } else if (!ports.contains(port.asText())) {
                problems.add(where + probe + " points at port " + port.asText()
                        + ", which the container does not declare (declared: " + ports + ")");
            }
        }
    }

    private record Reference(String kind, String name, String key, boolean optional) {}

    private static void checkReferences(
            Resource owner,
            JsonNode pod,
            JsonNode container,
            String where,
            List<Resource> rendered,
            Documentation docs,
            List<String> problems) {
        List<Reference> references = new ArrayList<>();
        for (JsonNode env : container.path("env")) {
            JsonNode from = env.path("valueFrom");
            addRef(references, "Secret", from.path("secretKeyRef"), "name", "key");
            addRef(references, "ConfigMap", from.path("configMapKeyRef"), "name", "key");
        }
        for (JsonNode envFrom : container.path("envFrom")) {
            addRef(references, "Secret", envFrom.path("secretRef"), "name", null);
            addRef(references, "ConfigMap", envFrom.path("configMapRef"), "name", null);
        }
        Set<String> mounted = new HashSet<>();
        container.path("volumeMounts").forEach(m -> mounted.add(m.path("name").asText()));
        for (JsonNode volume : pod.path("volumes")) {
            if (!mounted.contains(volume.path("name").asText())) {
                continue;
            }
            addVolumeRefs(references, "Secret", volume.path("secret"), "secretName");
            addVolumeRefs(references, "ConfigMap", volume.path("configMap"), "name");
            for (JsonNode source : volume.path("projected").path("sources")) {
                addVolumeRefs(references, "Secret", source.path("secret"), "name");
                addVolumeRefs(references, "ConfigMap", source.path("configMap"), "name");
            }
        }
        for (Reference reference : references) {
            accountFor(owner, reference, where, rendered, docs).ifPresent(problems::add);
        }
    }

    private static void addRef(List<Reference> refs, String kind, JsonNode ref, String nameField, String keyField) {
        if (ref.isMissingNode()) {
            return;
        }
        refs.add(new Reference(
                kind,
                ref.path(nameField).asText(),
                keyField == null ? null : ref.path(keyField).asText(),
                ref.path("optional").asBoolean(false)));
    }

    private static void addVolumeRefs(List<Reference> refs, String kind, JsonNode source, String nameField) {
        if (source.isMissingNode()) {
            return;
        }
        boolean optional = source.path("optional").asBoolean(false);
        if (source.path("items").isEmpty()) {
            refs.add(new Reference(kind, source.path(nameField).asText(), null, optional));
        }
        for (JsonNode item : source.path("items")) {
            refs.add(new Reference(
                    kind, source.path(nameField).asText(), item.path("key").asText(), optional));
        }
    }

    private static java.util.Optional<String> accountFor(
            Resource owner, Reference ref, String where, List<Resource> rendered, Documentation docs) {
        String what = ref.kind() + " " + ref.name() + (ref.key() == null ? "" : " (key " + ref.key() + ")");
        for (Resource resource : rendered) {
            if (resource.kind().equals(ref.kind())
                    && resource.name().equals(ref.name())
                    && resource.namespace().equals(owner.namespace())) {
                if (ref.key() == null || Documentation.keysOf(resource.body()).contains(ref.key()) || ref.optional()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(where + what + " is rendered without that key");
            }
        }
        if (ref.kind().equals("Secret")) {
            for (Resource resource : rendered) {
                Map<String, Set<String>> made = OPERATOR_SECRETS.get(resource.kind());
                if (made == null || !resource.namespace().equals(owner.namespace())) {
                    continue;
                }
                for (Map.Entry<String, Set<String>> secret : made.entrySet()) {
                    if (ref.name().equals(resource.name() + secret.getKey())
                            && (ref.key() == null || secret.getValue().contains(ref.key()))) {
                        return java.util.Optional.empty();
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            if (!docs.readmeNames(ref.name())) {
                missing.add("deploy/k8s/README.md does not name `" + ref.name() + "`");
            }
            if (!docs.hasExample(ref.name())) {
                missing.add("no secret.example.yaml shows it");
            } else if (ref.key() != null && !docs.exampleHasKey(ref.name(), ref.key())) {
                missing.add("its secret.example.yaml lacks the key " + ref.key());
            }
            if (missing.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(where + what
                    + " is neither rendered, nor made by an operator from a rendered resource, nor documented: "
                    + String.join("; ", missing));
        }
        if (ref.optional()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(where + what + " is not rendered in this overlay");
    }

    private static JsonNode first(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (!candidate.isMissingNode() && !candidate.isNull()) {
                return candidate;
            }
        }
        return candidates[candidates.length - 1];
    }
}
