package io.chatprivacy.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' built-in kinds, checked with the official Java client's generated models: their
 * {@code validateJsonElement} refuses a field the API does not define ("The field `x` in the JSON string is not
 * defined in the `V1SecurityContext` properties") and a missing required one, recursively.
 */
final class CoreSchemas {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class);

    private CoreSchemas() {}

    static boolean covers(Resource resource) {
        return MODELS.containsKey(resource.apiVersion() + "/" + resource.kind());
    }

    /** Whether the group is one of Kubernetes' own (so an unknown version or kind there is an error, not a CRD). */
    static boolean isBuiltInGroup(String group) {
        return group.isEmpty()
                || group.equals("apps")
                || group.equals("policy")
                || group.equals("batch")
                || group.endsWith(".k8s.io")
                || group.equals("autoscaling");
    }

    /** The model's verdict on the document: empty if valid, else its message (without the echoed JSON). */
    static Optional<String> validate(Resource resource) {
        return validate(
                MODELS.get(resource.apiVersion() + "/" + resource.kind()),
                resource.body().toString());
    }

    static Optional<String> validateMetadata(String json) {
        return validate(V1ObjectMeta.class, json);
    }

    static Optional<String> validate(Class<?> model, String json) {
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, JsonParser.parseString(json));
            return Optional.empty();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof IOException) {
                return Optional.of(withoutEchoedJson(cause.getMessage()));
            }
            throw new IllegalStateException("validating with " + model.getSimpleName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement", e);
        }
    }

    private static String withoutEchoedJson(String message) {
        int json = message.indexOf(" JSON: ");
        String head = json < 0 ? message : message.substring(0, json);
        int string = head.indexOf(": {");
        return string < 0 ? head : head.substring(0, string);
    }
}
