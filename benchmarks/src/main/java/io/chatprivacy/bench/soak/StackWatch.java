package io.chatprivacy.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.bench.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of a running stack, found in {@code <data-dir>/run/processes.json} (written by the
 * stack's launcher: name, pid, start time, executable of each), and their resident memory. The
 * watchdogs (small shell scripts) are left out; PostgreSQL counts as the postmaster plus every process
 * under it (backends, WAL writer, checkpointer, …), summed.
 */
final class StackWatch {

    /** A watched process: its name in the stack's record, its pid, and whether its descendants count too. */
    record Watched(String name, long pid, boolean tree) {}

    private final ProcFs proc;
    private final List<Watched> watched;

    StackWatch(ProcFs proc, List<Watched> watched) {
        this.proc = proc;
        this.watched = List.copyOf(watched);
    }

    List<Watched> watched() {
        return watched;
    }

    /** Suffix of a process tree's RSS sum, which {@link #sample} reports beside its PSS sum. */
    static final String RSS_SUM = " RSS sum";

    /**
     * The RSS of each watched process in KiB (-1 for one that is gone), in the record's order; for a
     * process tree (PostgreSQL) the PSS summed over the tree under its name (shared buffers counted once),
     * and the plain RSS sum under its name plus {@value #RSS_SUM} (each backend counts the shared buffers
     * it has touched, so this sum grows as backends touch more of them, without any leak).
     */
    Map<String, Long> sample() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Watched w : watched) {
            if (w.tree()) {
                rss.put(w.name(), proc.treePssKb(w.pid()));
                rss.put(w.name() + RSS_SUM, proc.treeRssKb(w.pid()));
            } else {
                rss.put(w.name(), proc.rssKb(w.pid()));
            }
        }
        return rss;
    }

    /** Reads the record; fails when there is none or nothing of it runs any more. */
    static StackWatch of(Path dataDir, ProcFs proc) throws IOException {
        Path file = dataDir.resolve("run").resolve("processes.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found: is a stack running on --data-dir=" + dataDir + "?");
        }
        List<Watched> watched = parse(new ObjectMapper().readTree(file.toFile()), StackWatch::stillSame);
        if (watched.isEmpty()) {
            throw new IllegalStateException("nothing recorded in " + file + " runs any more");
        }
        return new StackWatch(proc, watched);
    }

    /** The record's processes worth watching (watchdogs left out) that {@code alive} confirms. */
    static List<Watched> parse(JsonNode entries, java.util.function.Predicate<JsonNode> alive) {
        List<Watched> watched = new ArrayList<>();
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText();
            if (name.toLowerCase(Locale.ROOT).endsWith("watchdog") || !alive.test(entry)) {
                continue;
            }
            watched.add(new Watched(name, entry.path("pid").asLong(), name.equals("PostgreSQL")));
        }
        return watched;
    }

    /** Same pid, start time and executable as recorded (a pid reused by another program is not ours). */
    private static boolean stillSame(JsonNode entry) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.path("pid").asLong());
        return process.filter(ProcessHandle::isAlive)
                .map(ProcessHandle::info)
                .filter(info -> info.startInstant()
                                .map(Object::toString)
                                .equals(Optional.of(entry.path("started").asText()))
                        && info.command()
                                .equals(Optional.of(entry.path("command").asText())))
                .isPresent();
    }
}
