package io.chatprivacy.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a kustomization with kubectl and checks every document: against its schema with unknown fields
 * refused (Kubernetes' own kinds with the official client's models, custom resources with their CRDs), then
 * against the project's policies ({@link Policies}). Each problem names the document it was found in.
 */
final class ManifestCheck {

    /** The deploy module's directory (the build passes it; run from elsewhere, the working directory). */
    static final Path MODULE = Path.of(System.getProperty("deploy.dir", "")).toAbsolutePath();

    static final Path K8S = MODULE.resolve("k8s");

    private static CrdSchemas crds;

    private final Documentation docs;

    ManifestCheck(Documentation docs) {
        this.docs = docs;
    }

    static ManifestCheck forProject() {
        return new ManifestCheck(Documentation.of(K8S));
    }

    static synchronized CrdSchemas crds() {
        if (crds == null) {
            crds = CrdSchemas.load(MODULE.resolve("src/test/resources/schemas"));
        }
        return crds;
    }

    /** The rendered documents of a kustomization. */
    static List<Resource> render(Path kustomization) {
        return Resource.parseAll(Kubectl.find().kustomize(kustomization));
    }

    List<String> check(Path kustomization) {
        return check(render(kustomization));
    }

    List<String> check(List<Resource> rendered) {
        List<String> problems = new ArrayList<>();
        for (Resource resource : rendered) {
            schemaProblem(resource).ifPresent(p -> problems.add(resource.label() + ": " + p));
            if (!CoreSchemas.covers(resource)) {
                crds().find(resource.group(), resource.kind())
                        .filter(crd -> crd.servedSchemas().containsKey(resource.version()))
                        .ifPresent(crd -> CrdSchemaValidator.validate(
                                        resource.body(), crd.servedSchemas().get(resource.version()))
                                .forEach(p -> problems.add(resource.label() + ": " + p)));
            }
        }
        problems.addAll(Policies.check(rendered, docs));
        return problems;
    }

    /** Whether there is a schema for the document's apiVersion and kind, and for core kinds its verdict. */
    private static Optional<String> schemaProblem(Resource resource) {
        if (CoreSchemas.covers(resource)) {
            return CoreSchemas.validate(resource);
        }
        if (CoreSchemas.isBuiltInGroup(resource.group())) {
            return Optional.of("no schema for apiVersion " + resource.apiVersion() + " kind " + resource.kind()
                    + " (add its model to CoreSchemas if Kubernetes serves it)");
        }
        Optional<CrdSchemas.Crd> crd = crds().find(resource.group(), resource.kind());
        if (crd.isEmpty()) {
            return Optional.of("no schema for apiVersion " + resource.apiVersion() + " kind " + resource.kind()
                    + " (known custom resources: " + crds().kinds() + ")");
        }
        if (!crd.get().servedSchemas().containsKey(resource.version())) {
            return Optional.of("apiVersion " + resource.apiVersion() + " is not served for " + resource.kind()
                    + " (served: "
                    + crd.get().servedSchemas().keySet().stream()
                            .map(v -> resource.group() + "/" + v)
                            .toList() + ")");
        }
        return Optional.empty();
    }
}
