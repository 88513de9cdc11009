package io.chatprivacy.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the soak reads from {@code /proc}: a process's resident memory, and the process tree. */
final class ProcFs {

    private final Path root;

    ProcFs(Path root) {
        this.root = root;
    }

    /** The {@code VmRSS} of {@code /proc/<pid>/status} in KiB; -1 when the process is gone (or has none). */
    long rssKb(long pid) {
        try {
            return vmRssKb(
                    Files.readString(root.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The {@code Pss} of {@code /proc/<pid>/smaps_rollup} in KiB: resident memory with each shared page
     * divided among the processes sharing it; -1 when the process is gone.
     */
    long pssKb(long pid) {
        try {
            return fieldKb(
                    Files.readString(root.resolve(Long.toString(pid)).resolve("smaps_rollup"), StandardCharsets.UTF_8),
                    "Pss:");
        } catch (IOException e) {
            return -1;
        }
    }

    /** The summed RSS of {@code pid} and all its descendants in KiB (-1 when {@code pid} is gone). */
    long treeRssKb(long pid) {
        return treeSum(pid, this::rssKb);
    }

    /**
     * The summed PSS of {@code pid} and all its descendants in KiB (-1 when {@code pid} is gone): unlike
     * the RSS sum it counts memory the processes share (PostgreSQL's shared buffers) once.
     */
    long treePssKb(long pid) {
        return treeSum(pid, this::pssKb);
    }

    private long treeSum(long pid, java.util.function.LongUnaryOperator kb) {
        long own = kb.applyAsLong(pid);
        if (own < 0) {
            return -1;
        }
        long sum = own;
        for (long child : descendants(pid, parents())) {
            sum += Math.max(0, kb.applyAsLong(child));
        }
        return sum;
    }

    /** Every live pid with its parent's pid, from {@code /proc/<pid>/stat}. */
    Map<Long, Long> parents() {
        Map<Long, Long> parents = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    parents.put(
                            Long.parseLong(name),
                            parentPid(Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
        return parents;
    }

    /** The descendants of {@code pid} (children, their children, …) in the given pid → parent map. */
    static Set<Long> descendants(long pid, Map<Long, Long> parents) {
        Map<Long, Set<Long>> children = new HashMap<>();
        parents.forEach((child, parent) ->
                children.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(child));
        Set<Long> found = new LinkedHashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            for (long child : children.getOrDefault(todo.poll(), Set.of())) {
                if (child != pid && found.add(child)) {
                    todo.add(child);
                }
            }
        }
        return found;
    }

    /** The {@code VmRSS:} line of a {@code status} file, in KiB; -1 without one (a kernel thread, a zombie). */
    static long vmRssKb(String status) {
        return fieldKb(status, "VmRSS:");
    }

    /** The value of a {@code Name:   123 kB} line, in KiB; -1 without such a line. */
    static long fieldKb(String text, String field) {
        for (String line : text.split("\n")) {
            if (line.startsWith(field)) {
                String value = line.substring(field.length()).trim();
                if (!value.endsWith("kB")) {
                    throw new IllegalArgumentException("unexpected " + field + " line: " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 2).trim());
            }
        }
        return -1;
    }

    /**
     * The parent pid in a {@code stat} line: the fourth field, counted after the command name, which is
     * in parentheses and may itself hold spaces and parentheses (so the last ')' ends it).
     */
    static long parentPid(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a stat line: " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        return Long.parseLong(fields[1]);
    }
}
