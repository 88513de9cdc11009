package io.chatprivacy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The demo credentials the stack writes to {@code <data-dir>/demo-credentials.env} ({@code NAME=value} lines). */
public final class Credentials {

    private final Path file;
    private final Map<String, String> values;

    private Credentials(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** Reads the file; values may be quoted, single-quoted as the stack's shell quoting writes them. */
    public static Credentials read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found: start the stack (./run.sh) first");
        }
        return new Credentials(file, parse(Files.readString(file)));
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('=')).strip();
            String value = line.substring(line.indexOf('=') + 1).strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("'\\''", "'");
            } else if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(name.toUpperCase(Locale.ROOT), value);
        }
        return values;
    }

    /** The value of {@code name}, or {@code fallback} when it is missing. */
    public String getOrDefault(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of {@code name}; fails naming the file when it is missing or blank. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    name + " missing from " + file + " (is the local stack running with its demo account?)");
        }
        return value;
    }
}
