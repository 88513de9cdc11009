package io.chatprivacy.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    /**
     * Two lines telling what one unit of work cost each process: "CPU per chat: deletion-service 161 µs,
     * …, together 328 µs (the producer: 66 µs)" and how many of the machine's cores they kept busy, with
     * the rate those cores would allow at that cost.
     *
     * @param used CPU seconds by process over the measured window ({@link #used})
     * @param own the load generator's own CPU seconds over the same window, reported apart
     * @param ownName what the load generator plays ("the producer, playing the chat platform")
     * @param units units of work done in the window
     * @param unit the unit's name ("chat", "consent")
     * @param seconds the window's length
     */
    public static String report(
            Map<String, Double> used, double own, String ownName, double units, String unit, double seconds) {
        String indent = "          ";
        if (used.isEmpty() || units <= 0) {
            return indent + "CPU per " + unit + ": not measured (the stack's processes are not visible here)";
        }
        StringBuilder line = new StringBuilder(indent + "CPU per " + unit + ":");
        double total = 0;
        for (Map.Entry<String, Double> e : used.entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %.0f µs,", e.getKey(), e.getValue() / units * 1e6));
            total += e.getValue();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        line.append(String.format(
                Locale.ROOT, " together %.0f µs (%s: %.0f µs)", total / units * 1e6, ownName, own / units * 1e6));
        return line.append(String.format(
                        Locale.ROOT,
                        "%n%s(they kept %.2f of this machine's %d cores busy; at that cost its cores allow them at most"
                                + " %,.0f %ss/s)",
                        indent,
                        total / seconds,
                        cores,
                        cores * units / total,
                        unit))
                .toString();
    }

    /** The port of a JDBC URL ({@code jdbc:postgresql://host:port/db}). */
    public static int jdbcPort(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
    }

    /** The port of the first broker of a Kafka bootstrap list ({@code host:port,...}). */
    public static int kafkaPort(String bootstrap) {
        String first = bootstrap.split(",")[0];
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    /** This JVM's own CPU seconds so far (the load generator's). */
    public static double ownSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** The difference {@code after - before}, by name. */
    public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        return used;
    }
}
