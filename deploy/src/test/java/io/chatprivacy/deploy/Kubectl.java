package io.chatprivacy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A kubectl of at least {@value #MIN_MINOR} (1.x) that renders kustomizations: {@code $KUBECTL} if set, else the
 * {@code kubectl} on the PATH, else the versioned {@code kubectl.1.NN} binaries beside it (as Google Cloud CLI's
 * package installs them), newest first. No cluster is contacted.
 */
final class Kubectl {

    static final int MIN_MINOR = 27;

    private static final Pattern VERSIONED = Pattern.compile("kubectl\\.1\\.(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Kubectl found;

    private final Path binary;
    private final int minor;

    private Kubectl(Path binary, int minor) {
        this.binary = binary;
        this.minor = minor;
    }

    /** The kubectl to use; fails with what was looked at when there is none. */
    static synchronized Kubectl find() {
        if (found == null) {
            found = locate(System.getenv("KUBECTL"), System.getenv().getOrDefault("PATH", ""));
        }
        return found;
    }

    Path binary() {
        return binary;
    }

    int minor() {
        return minor;
    }

    /** {@code kubectl kustomize <dir>}: the rendered multi-document YAML, or an exception with kubectl's error. */
    String kustomize(Path dir) {
        Result result = run(binary, "kustomize", dir.toString());
        if (result.exit != 0) {
            throw new IllegalStateException(
                    "kubectl kustomize " + dir + " failed (exit " + result.exit + "): " + result.stderr.strip());
        }
        return result.stdout;
    }

    /** The first kubectl >= 1.{@value #MIN_MINOR} among {@code explicit} (may be null), then the PATH's. */
    static Kubectl locate(String explicit, String path) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(Path.of(explicit));
        }
        Set<Path> dirs = new LinkedHashSet<>();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path kubectl = Path.of(dir, "kubectl");
            if (Files.isExecutable(kubectl)) {
                candidates.add(kubectl);
                dirs.add(kubectl.getParent());
                try {
                    dirs.add(kubectl.toRealPath().getParent());
                } catch (IOException e) {
                    // a dangling link: its own directory was added already
                }
            }
        }
        for (Path dir : dirs) {
            candidates.addAll(versionedIn(dir));
        }
        List<String> refused = new ArrayList<>();
        for (Path candidate : candidates) {
            Optional<Integer> minor = clientMinor(candidate);
            if (minor.isPresent() && minor.get() >= MIN_MINOR) {
                return new Kubectl(candidate, minor.get());
            }
            refused.add(candidate + (minor.isPresent() ? " (1." + minor.get() + ")" : " (no version)"));
        }
        throw new IllegalStateException("No kubectl >= 1." + MIN_MINOR
                + " to render the kustomizations: set KUBECTL or put one on the PATH. Looked at: "
                + (refused.isEmpty() ? "nothing named kubectl on the PATH" : String.join(", ", refused)));
    }

    private static List<Path> versionedIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            f -> VERSIONED.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isExecutable)
                    .sorted(Comparator.comparingInt(Kubectl::versionedMinor).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int versionedMinor(Path file) {
        Matcher m = VERSIONED.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Optional<Integer> clientMinor(Path binary) {
        try {
            Result result = run(binary, "version", "--client", "-o", "json");
            if (result.exit != 0) {
                return Optional.empty();
            }
            JsonNode minor = JSON.readTree(result.stdout).path("clientVersion").path("minor");
            Matcher digits = Pattern.compile("^(\\d+)").matcher(minor.asText());
            return digits.find() ? Optional.of(Integer.parseInt(digits.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(Path binary, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
