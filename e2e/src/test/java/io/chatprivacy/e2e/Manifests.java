package io.chatprivacy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders them, read the way a kubelet would run a Deployment's
 * container: its environment (values, ConfigMap and Secret references), security context, memory limit and
 * {@code emptyDir} mounts.
 */
final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> documents;

    private Manifests(List<JsonNode> documents) {
        this.documents = documents;
    }

    /** Renders a kustomization with the installed {@code kubectl}. */
    static Manifests render(Path kustomization) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            if (!kubectl.waitFor(2, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed");
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + kustomization, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Manifests parse(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        }
        return new Manifests(documents);
    }

    Optional<JsonNode> find(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst();
    }

    JsonNode deployment(String name) {
        return find("Deployment", name).orElseThrow(() -> new IllegalStateException("no Deployment " + name));
    }

    /** The data of every ConfigMap, by its (rendered, hash-suffixed) name. */
    Map<String, Map<String, String>> configMaps() {
        Map<String, Map<String, String>> maps = new LinkedHashMap<>();
        documents.stream()
                .filter(d -> "ConfigMap".equals(d.path("kind").asText()))
                .forEach(d -> {
                    Map<String, String> data = new LinkedHashMap<>();
                    d.path("data")
                            .fields()
                            .forEachRemaining(
                                    e -> data.put(e.getKey(), e.getValue().asText()));
                    maps.put(d.path("metadata").path("name").asText(), data);
                });
        return maps;
    }

    /** Where a Secret's value comes from in a test: (Secret name, key, the variable it is for) to value or null. */
    interface Secrets {
        String value(String secret, String key, String variable);
    }

    /** The one container of a Deployment, as a kubelet would run it. */
    record Container(
            String name,
            Map<String, String> env,
            long uid,
            long gid,
            boolean runAsNonRoot,
            boolean readOnlyRootFilesystem,
            boolean noNewPrivileges,
            List<String> capDrop,
            List<String> capAdd,
            long memoryLimitBytes,
            Map<String, String> emptyDirs,
            List<FileMount> fileMounts) {}

    /**
     * A Secret or ConfigMap volume mounted into the container: {@code files} maps each key of {@code source} to its
     * path under {@code mountPath} (all keys under their own names when the volume lists no items).
     */
    record FileMount(String mountPath, String kind, String source, Map<String, String> files, boolean optional) {}

    /**
     * The first container of a Deployment with its environment resolved: {@code value}, {@code configMapKeyRef}
     * and {@code secretKeyRef} (an {@code optional} reference to a missing key is left out, as a kubelet does),
     * {@code envFrom} ConfigMaps and Secrets. Anything else (fieldRef, ...) is an error: the test would not follow
     * the manifests any more.
     */
    Container container(String deployment, Map<String, Map<String, String>> configMaps, Secrets secrets) {
        JsonNode pod = deployment(deployment).path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                Map<String, String> data =
                        configMaps.get(from.path("configMapRef").path("name").asText());
                if (data == null && !from.path("configMapRef").path("optional").asBoolean(false)) {
                    throw new IllegalStateException(deployment + ": no ConfigMap " + from);
                }
                if (data != null) {
                    data.forEach((k, v) -> env.put(from.path("prefix").asText("") + k, v));
                }
            } else {
                throw new IllegalStateException(deployment + ": unsupported envFrom " + from);
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            if (var.has("value")) {
                env.put(name, var.path("value").asText());
                continue;
            }
            JsonNode from = var.path("valueFrom");
            String value;
            boolean optional;
            if (from.has("configMapKeyRef")) {
                JsonNode ref = from.path("configMapKeyRef");
                optional = ref.path("optional").asBoolean(false);
                Map<String, String> data = configMaps.get(ref.path("name").asText());
                value = data == null ? null : data.get(ref.path("key").asText());
            } else if (from.has("secretKeyRef")) {
                JsonNode ref = from.path("secretKeyRef");
                optional = ref.path("optional").asBoolean(false);
                value = secrets.value(ref.path("name").asText(), ref.path("key").asText(), name);
            } else if (!var.has("valueFrom")) {
                // a variable declared without a value is set to the empty string
                value = "";
                optional = false;
            } else {
                throw new IllegalStateException(deployment + ": unsupported env source " + var);
            }
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new IllegalStateException(deployment + ": " + name + " refers to nothing: " + var);
            }
            env.put(name, value);
        }

        JsonNode podSecurity = pod.path("securityContext");
        JsonNode security = container.path("securityContext");
        long uid =
                security.path("runAsUser").asLong(podSecurity.path("runAsUser").asLong(-1));
        long gid = security.path("runAsGroup")
                .asLong(podSecurity.path("runAsGroup").asLong(uid));
        boolean nonRoot = security.path("runAsNonRoot")
                .asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false));
        List<String> drop = new ArrayList<>();
        security.path("capabilities").path("drop").forEach(c -> drop.add(c.asText()));
        List<String> add = new ArrayList<>();
        security.path("capabilities").path("add").forEach(c -> add.add(c.asText()));

        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Map<String, String> emptyDirs = new LinkedHashMap<>();
        List<FileMount> fileMounts = new ArrayList<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = volumes.get(mount.path("name").asText());
            String path = mount.path("mountPath").asText();
            if (volume != null && volume.has("emptyDir")) {
                String size = volume.path("emptyDir").path("sizeLimit").asText("");
                emptyDirs.put(path, size.isEmpty() ? "" : String.valueOf(bytes(size)));
            } else if (volume != null && (volume.has("secret") || volume.has("configMap"))) {
                boolean secret = volume.has("secret");
                JsonNode source = secret ? volume.path("secret") : volume.path("configMap");
                Map<String, String> files = new LinkedHashMap<>();
                source.path("items")
                        .forEach(item -> files.put(
                                item.path("key").asText(), item.path("path").asText()));
                fileMounts.add(new FileMount(
                        path,
                        secret ? "Secret" : "ConfigMap",
                        secret
                                ? source.path("secretName").asText()
                                : source.path("name").asText(),
                        files,
                        source.path("optional").asBoolean(false)));
            } else {
                throw new IllegalStateException(
                        deployment + ": only emptyDir, Secret and ConfigMap volumes are supported here: " + mount);
            }
        }

        String memory =
                container.path("resources").path("limits").path("memory").asText("");
        return new Container(
                container.path("name").asText(),
                env,
                uid,
                gid,
                nonRoot,
                security.path("readOnlyRootFilesystem").asBoolean(false),
                !security.path("allowPrivilegeEscalation").asBoolean(true),
                drop,
                add,
                memory.isEmpty() ? 0 : bytes(memory),
                emptyDirs,
                fileMounts);
    }

    /** A Kubernetes quantity ({@code 768Mi}, {@code 1Gi}, {@code 500M}, {@code 1e9}) in bytes. */
    static long bytes(String quantity) {
        String[][] suffixes = {
            {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}
        };
        for (String[] s : suffixes) {
            if (quantity.endsWith(s[0])) {
                return new BigDecimal(quantity.substring(0, quantity.length() - s[0].length()))
                        .multiply(new BigDecimal(s[1]))
                        .longValueExact();
            }
        }
        return new BigDecimal(quantity).longValueExact();
    }
}
