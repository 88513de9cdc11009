package io.chatprivacy.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the browser tests' node scripts ({@code e2e/browser/*.spec.mjs}, playwright-core driving Debian's
 * Chromium) from the repository root, each with its output in {@code e2e/target/<name>.log}.
 */
final class BrowserRun {

    private BrowserRun() {}

    /** The repository root. */
    static Path home() {
        return Path.of(System.getProperty("stack.home", "..")).toAbsolutePath().normalize();
    }

    /** Installs what the browser tests need and is missing ({@code e2e/browser/setup.sh}); fails if it cannot. */
    static void setUp() throws IOException, InterruptedException {
        int exit =
                run(List.of("bash", home().resolve("e2e/browser/setup.sh").toString()), Map.of(), "browser-setup", 15);
        if (exit != 0) {
            throw new AssertionError("e2e/browser/setup.sh failed (" + exit + "):\n" + log("browser-setup"));
        }
    }

    /** Runs a command from the repository root; its exit code. */
    static int run(List<String> command, Map<String, String> env, String name, int minutes)
            throws IOException, InterruptedException {
        Path log = home().resolve("e2e/target/" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish in " + minutes + " min; see " + log);
        }
        return process.exitValue();
    }

    /** What a run wrote. */
    static String log(String name) throws IOException {
        return Files.readString(home().resolve("e2e/target/" + name + ".log"));
    }
}
