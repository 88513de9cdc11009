package io.chatprivacy.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers on this machine.
 *
 * <p>A port is chosen at random <em>below</em> the kernel's ephemeral range ({@code
 * /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by default), never from it: every outgoing connection (a
 * Kafka client, a JDBC pool, an HTTP call) takes its local port from that range, so a port the kernel once offered as
 * free could be the local end of somebody's connection by the time a server binds it. That happened in CI: a service
 * became ready on its management port, then found its HTTP port taken and exited. This JVM never hands out the same
 * port twice.
 */
public final class Ports {
    /** The lowest port handed out: above the well-known and most registered servers' ports. */
    static final int LOWEST = 15_000;

    private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /** A port that was free a moment ago on every interface, outside the ephemeral range. */
    public static int free() {
        int highest = ephemeralLow() - 1;
        if (highest - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 500; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                if (!handedOut.contains(port) && bindable(port) && handedOut.add(port)) {
                    return port;
                }
            }
        }
        // a machine whose ephemeral range leaves no room below it: let the kernel choose
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            handedOut.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** The first port of the kernel's ephemeral range (32768 where the kernel does not tell). */
    static int ephemeralLow() {
        // read line-wise: procfs reports a size of 0, which whole-file reads of some JDKs take at its word
        try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String range = in.readLine();
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on localhost:port. */
    public static boolean inUse(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
