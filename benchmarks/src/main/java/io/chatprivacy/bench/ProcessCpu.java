package io.chatprivacy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time used by the processes of the local stack, read from Linux's {@code /proc}: a process is
 * found by the TCP port it listens on (PostgreSQL's server processes are the listener's children, and
 * count with it). It tells what one unit of work costs each part of the system, which a rate measured on
 * a shared machine cannot.
 *
 * <p>Only works when the stack runs on this machine, under Linux, visible to this user; otherwise
 * {@link #find} finds nothing and the benchmarks say so.
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on every Linux we run). */
    private static final double TICKS_PER_SECOND = 100;

    private static final Path PROC = Path.of("/proc");

    private final Map<String, Integer> listeners;

    private ProcessCpu(Map<String, Integer> listeners) {
        this.listeners = listeners;
    }

    /**
     * The processes listening on these ports, by name (in the given order); names whose port has no
     * listener visible here are left out.
     */
    public static ProcessCpu find(Map<String, Integer> portsByName) {
        Map<Long, Integer> inodesByPort = listeningSockets();
        Map<String, Integer> found = new LinkedHashMap<>();
        portsByName.forEach((name, port) -> {
            Long inode = inodesByPort.entrySet().stream()
                    .filter(e -> e.getValue().equals(port))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            if (inode != null) {
                ownerOf(inode).ifPresent(pid -> found.put(name, pid));
            }
        });
        return new ProcessCpu(found);
    }

    /** The names found. */
    public Set<String> names() {
        return listeners.keySet();
    }

    /** CPU seconds (user + system) used so far by each process found and its children, by name. */
    public Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        listeners.forEach((name, pid) -> {
            // the listener's own time and that of its children that have exited (PostgreSQL's ended
            // backends), plus the live children's
            long ticks = ticks(pid, true);
            for (int child : children(pid)) {
                ticks += ticks(child, false);
            }
            seconds.put(name, ticks / TICKS_PER_SECOND);
        });
        return seconds;
    }

    /** The difference {@code after - before}, by name. */
    public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        return used;
    }

    /**
     * utime + stime of {@code /proc/<pid>/stat} (fields 14 and 15), with {@code reaped} also cutime + cstime
     * (16 and 17: the children it has waited for).
     */
    static long parseTicks(String stat, boolean reaped) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return reaped ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** Listening TCP sockets of {@code /proc/net/tcp}-shaped text: inode to local port. */
    static Map<Long, Integer> parseListening(List<String> lines) {
        Map<Long, Integer> sockets = new LinkedHashMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !"0A".equals(f[3])) { // 0A = TCP_LISTEN
                continue;
            }
            int port = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
            sockets.put(Long.parseLong(f[9]), port);
        }
        return sockets;
    }

    private static Map<Long, Integer> listeningSockets() {
        Map<Long, Integer> sockets = new LinkedHashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                sockets.putAll(parseListening(Files.readAllLines(PROC.resolve(table))));
            } catch (IOException | RuntimeException e) {
                // not Linux, or no such table: nothing found
            }
        }
        return sockets;
    }

    private static Optional<Integer> ownerOf(long inode) {
        String link = "socket:[" + inode + "]";
        for (int pid : pids()) {
            try (Stream<Path> fds = Files.list(PROC.resolve(pid + "/fd"))) {
                boolean owns = fds.anyMatch(fd -> {
                    try {
                        return link.equals(Files.readSymbolicLink(fd).toString());
                    } catch (IOException e) {
                        return false;
                    }
                });
                if (owns) {
                    return Optional.of(pid);
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return Optional.empty();
    }

    private static List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> pids.add(Integer.parseInt(n)));
        } catch (IOException e) {
            // no /proc
        }
        return pids;
    }

    /** Direct children, which is how PostgreSQL's backends hang off its listener. */
    private static Set<Integer> children(int parent) {
        Set<Integer> children = new HashSet<>();
        for (int pid : pids()) {
            try {
                String stat = Files.readString(PROC.resolve(pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (Integer.parseInt(fields[1]) == parent) {
                    children.add(pid);
                }
            } catch (IOException | RuntimeException e) {
                // gone
            }
        }
        return children;
    }

    private static long ticks(int pid, boolean reaped) {
        try {
            return parseTicks(Files.readString(PROC.resolve(pid + "/stat")), reaped);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
