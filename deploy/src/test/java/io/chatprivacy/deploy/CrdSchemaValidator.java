package io.chatprivacy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a document against a CRD's structural OpenAPI v3 schema as the API server's strict field validation
 * would: a field not declared under {@code properties} is refused unless the node allows it
 * ({@code additionalProperties}, {@code x-kubernetes-preserve-unknown-fields}); {@code type}, {@code enum},
 * {@code required}, {@code minimum}/{@code maximum}, {@code minLength}, {@code pattern},
 * {@code x-kubernetes-int-or-string} and the {@code required} alternatives of {@code oneOf}/{@code anyOf} are
 * checked too. CEL rules ({@code x-kubernetes-validations}) are not evaluated. The root {@code metadata} is checked
 * as Kubernetes' ObjectMeta.
 */
final class CrdSchemaValidator {

    private CrdSchemaValidator() {}

    static List<String> validate(JsonNode document, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        JsonNode metadata = document.path("metadata");
        if (metadata.isObject()) {
            CoreSchemas.validateMetadata(metadata.toString()).ifPresent(p -> problems.add("metadata: " + p));
        }
        walk(document, schema, "", problems, true);
        return problems;
    }

    private static void walk(JsonNode value, JsonNode schema, String path, List<String> problems, boolean root) {
        String where = path.isEmpty() ? "the document" : path;
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(where + ": null is not allowed");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!(value.isIntegralNumber() || value.isTextual())) {
                problems.add(where + ": must be an integer or a string, is " + describe(value));
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": must be an object, is " + describe(value));
                    return;
                }
                checkObject(value, schema, path, problems, root);
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": must be an array, is " + describe(value));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), schema.path("items"), path + "[" + i + "]", problems, false);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": must be a string, is " + describe(value));
                    return;
                }
                checkString(value.asText(), schema, where, problems);
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": must be an integer, is " + describe(value));
                    return;
                }
                checkRange(value, schema, where, problems);
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": must be a number, is " + describe(value));
                    return;
                }
                checkRange(value, schema, where, problems);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": must be a boolean, is " + describe(value));
                }
            }
            default -> {
                // no type: anything, as long as an object's fields are declared (below)
                if (value.isObject()) {
                    checkObject(value, schema, path, problems, root);
                }
            }
        }
        checkEnum(value, schema, where, problems);
    }

    private static void checkObject(JsonNode value, JsonNode schema, String path, List<String> problems, boolean root) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String fieldPath = path + "." + name;
            if (root && name.equals("metadata")) {
                continue; // ObjectMeta, checked by the Kubernetes model
            }
            if (properties.has(name)) {
                walk(field.getValue(), properties.get(name), fieldPath, problems, false);
            } else if (additional.isObject()) {
                walk(field.getValue(), additional, fieldPath, problems, false);
            } else if (additional.asBoolean(false) || preserve) {
                // allowed as it is
            } else {
                problems.add((path.isEmpty() ? "the document" : path) + ": unknown field `" + name + "`");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add((path.isEmpty() ? "the document" : path) + ": required field `" + required.asText()
                        + "` is missing");
            }
        }
        checkAlternatives(value, schema, path, problems);
    }

    private static void checkAlternatives(JsonNode value, JsonNode schema, String path, List<String> problems) {
        for (String keyword : List.of("oneOf", "anyOf")) {
            JsonNode alternatives = schema.path(keyword);
            if (!alternatives.isArray() || alternatives.isEmpty()) {
                continue;
            }
            int matching = 0;
            for (JsonNode alternative : alternatives) {
                boolean all = true;
                for (JsonNode required : alternative.path("required")) {
                    all &= value.has(required.asText());
                }
                matching += all ? 1 : 0;
            }
            if (matching == 0 || (keyword.equals("oneOf") && matching > 1)) {
                problems.add((path.isEmpty() ? "the document" : path) + ": matches " + matching + " of the " + keyword
                        + " alternatives " + alternatives);
            }
        }
    }

    private static void checkString(String text, JsonNode schema, String where, List<String> problems) {
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            problems.add(where + ": shorter than " + schema.get("minLength").asInt());
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(where + ": longer than " + schema.get("maxLength").asInt());
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(text)
                        .find()) {
            problems.add(where + ": \"" + text + "\" does not match "
                    + schema.get("pattern").asText());
        }
    }

    private static void checkRange(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (schema.has("minimum")
                && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(where + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum")
                && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            problems.add(where + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    private static void checkEnum(JsonNode value, JsonNode schema, String where, List<String> problems) {
        JsonNode allowed = schema.path("enum");
        if (!allowed.isArray() || allowed.isEmpty()) {
            return;
        }
        for (JsonNode option : allowed) {
            if (option.equals(value)
                    || option.asText().equals(value.asText()) && option.isTextual() == value.isTextual()) {
                return;
            }
        }
        problems.add(where + ": " + value + " is not one of " + allowed);
    }

    private static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase() + " " + value;
    }
}
