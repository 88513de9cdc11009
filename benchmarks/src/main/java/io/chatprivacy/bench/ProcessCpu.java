package io.chatprivacy.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time used by the processes of the local stack: a process is found by the TCP port it listens on,
 * and counts with its descendants (PostgreSQL's backends) and its children that have exited. It tells
 * what one unit of work costs each part of the system, which a rate measured on a shared machine cannot.
 *
 * <p>Only works when the stack runs on this machine, under Linux, visible to this user; otherwise
 * {@link #find} finds nothing and the benchmarks say so.
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on every Linux we run). */
    private static final double TICKS_PER_SECOND = 100;

    private final ProcFs proc;
    private final Map<String, Long> listeners;

    private ProcessCpu(ProcFs proc, Map<String, Long> listeners) {
        this.proc = proc;
        this.listeners = listeners;
    }

    /** The processes listening on these ports, by name; names whose port has no visible listener are left out. */
    public static ProcessCpu find(Map<String, Integer> portsByName) {
        ProcFs proc = new ProcFs(Path.of("/proc"));
        Map<String, Long> found = new LinkedHashMap<>();
        portsByName.forEach((name, port) -> proc.listener(port).ifPresent(pid -> found.put(name, pid)));
        return new ProcessCpu(proc, found);
    }

    /** The names found. */
    public Set<String> names() {
        return listeners.keySet();
    }

    /**
     * CPU seconds (user + system) used so far by each process found, with its descendants, by name. A
     * descendant that is a server of its own (listens on a TCP port) is left out with its subtree: the
     * stack's launcher, which hosts Kafka, is the parent of the services, whose CPU is theirs.
     */
    public Map<String, Double> seconds() {
        Map<Long, Long> parents = proc.parents();
        Set<Long> servers = proc.listeners();
        Map<String, Double> seconds = new LinkedHashMap<>();
        listeners.forEach((name, pid) -> {
            long ticks = Math.max(0, proc.cpuTicks(pid, true));
            for (long child : ProcFs.descendants(pid, parents, servers)) {
                ticks += Math.max(0, proc.cpuTicks(child, false));
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
}
