package io.chatprivacy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the benchmarks read from Linux's {@code /proc}: a process's resident memory and CPU time, the
 * process tree, and which process listens on a TCP port.
 */
public final class ProcFs {

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    /** The {@code VmRSS} of {@code /proc/<pid>/status} in KiB; -1 when the process is gone (or has none). */
    public long rssKb(long pid) {
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
    public long pssKb(long pid) {
        try {
            return fieldKb(
                    Files.readString(root.resolve(Long.toString(pid)).resolve("smaps_rollup"), StandardCharsets.UTF_8),
                    "Pss:");
        } catch (IOException e) {
            return -1;
        }
    }

    /** The summed RSS of {@code pid} and all its descendants in KiB (-1 when {@code pid} is gone). */
    public long treeRssKb(long pid) {
        return treeSum(pid, this::rssKb);
    }

    /**
     * The summed PSS of {@code pid} and all its descendants in KiB (-1 when {@code pid} is gone): unlike
     * the RSS sum it counts memory the processes share (PostgreSQL's shared buffers) once.
     */
    public long treePssKb(long pid) {
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
    public Map<Long, Long> parents() {
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
    public static Set<Long> descendants(long pid, Map<Long, Long> parents) {
        return descendants(pid, parents, Set.of());
    }

    /**
     * The descendants of {@code pid}, leaving out every process in {@code apart} with all of its own
     * descendants: a launcher's children that are servers of their own are not part of the launcher.
     */
    public static Set<Long> descendants(long pid, Map<Long, Long> parents, Set<Long> apart) {
        Map<Long, Set<Long>> children = new HashMap<>();
        parents.forEach((child, parent) ->
                children.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(child));
        Set<Long> found = new LinkedHashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            for (long child : children.getOrDefault(todo.poll(), Set.of())) {
                if (child != pid && !apart.contains(child) && found.add(child)) {
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
        return Long.parseLong(afterCommand(stat)[1]);
    }

    /**
     * CPU time (user + system, in clock ticks) of {@code pid}; with {@code reaped}, also that of its
     * children that have exited and been waited for (PostgreSQL's ended backends); -1 when it is gone.
     */
    public long cpuTicks(long pid, boolean reaped) {
        try {
            return cpuTicks(
                    Files.readString(root.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8), reaped);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a {@code stat} line (fields 14, 15), with {@code reaped} also cutime + cstime (16, 17). */
    static long cpuTicks(String stat, boolean reaped) {
        String[] fields = afterCommand(stat);
        // fields[0] is field 3 (the state), so field n is fields[n - 3]
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return reaped ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** The process listening on this TCP port (IPv4 or IPv6), if it is visible here. */
    public Optional<Long> listener(int port) {
        for (Map.Entry<Long, Integer> socket : listeningSockets().entrySet()) {
            if (socket.getValue() == port) {
                return owner("socket:[" + socket.getKey() + "]");
            }
        }
        return Optional.empty();
    }

    /** Every process visible here that listens on a TCP port (a server: a service, Kafka, PostgreSQL's postmaster). */
    public Set<Long> listeners() {
        Set<String> links = new HashSet<>();
        for (long inode : listeningSockets().keySet()) {
            links.add("socket:[" + inode + "]");
        }
        Set<Long> pids = new LinkedHashSet<>();
        for (long pid : parents().keySet()) {
            try (Stream<Path> fds = Files.list(root.resolve(pid + "/fd"))) {
                if (fds.anyMatch(fd -> links.contains(readLink(fd)))) {
                    pids.add(pid);
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return pids;
    }

    private Map<Long, Integer> listeningSockets() {
        Map<Long, Integer> sockets = new LinkedHashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                sockets.putAll(listeningSockets(Files.readAllLines(root.resolve(table))));
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        return sockets;
    }

    /** The listening sockets of a {@code /proc/net/tcp}-shaped table: inode to local port. */
    static Map<Long, Integer> listeningSockets(List<String> lines) {
        Map<Long, Integer> sockets = new LinkedHashMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !"0A".equals(f[3])) { // 0A = TCP_LISTEN
                continue;
            }
            sockets.put(Long.parseLong(f[9]), Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
        }
        return sockets;
    }

    private Optional<Long> owner(String link) {
        for (long pid : parents().keySet()) {
            try (Stream<Path> fds = Files.list(root.resolve(pid + "/fd"))) {
                if (fds.anyMatch(fd -> link.equals(readLink(fd)))) {
                    return Optional.of(pid);
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return Optional.empty();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String[] afterCommand(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a stat line: " + stat);
        }
        return stat.substring(close + 1).trim().split("\\s+");
    }
}
