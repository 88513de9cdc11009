package io.chatprivacy.bench.consent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Closed-loop clients: each has one keep-alive HTTP/1.1 connection and posts a consent as soon as its
 * previous one was answered, each with a new visitor id. All connections are driven by ONE thread
 * with a selector: the load generator shares the two cores with everything it measures, so it must
 * cost as little as possible per request (no thread wake-up per answer, no HTTP library). Every
 * answer's latency is kept (not sampled), and every accepted receipt id, so the run can be checked
 * against the ledger and the topic afterwards.
 */
final class LoadGenerator {

    /** What the record-consent endpoint needs. */
    record Target(String host, int port, String widgetKey, String origin, int formVersion, List<String> consents) {}

    /** The outcome of one run. */
    record Result(
            long accepted,
            Map<Integer, Long> rejectedByStatus,
            long connectionErrors,
            long[] sortedLatenciesNanos,
            Set<String> receipts,
            double seconds,
            String firstRejection) {

        long errors() {
            return connectionErrors
                    + rejectedByStatus.values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
        }

        double percentileMillis(double p) {
            if (sortedLatenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedLatenciesNanos.length) - 1;
            return sortedLatenciesNanos[Math.max(0, Math.min(index, sortedLatenciesNanos.length - 1))] / 1e6;
        }
    }

    /** One client: a connection, the request in flight and what has been read of its answer. */
    private static final class Client {
        final int id;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long sentAt;
        long seq;

        Client(int id) {
            this.id = id;
        }
    }

    private final Target target;
    private final String visitorPrefix;
    private final byte[] headPrefix;
    private final String consentsJson;
    private long[] latencies = new long[1 << 16];
    private int count;
    private long accepted;
    private long connectionErrors;
    private final Map<Integer, Long> rejected = new TreeMap<>();
    private final Set<String> receipts = new HashSet<>();
    private String firstRejection;

    private LoadGenerator(Target target, String visitorPrefix) {
        this.target = target;
        this.visitorPrefix = visitorPrefix;
        this.headPrefix = ("POST /widget/consents HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                        + "\r\nContent-Type: application/json\r\nX-Widget-Key: " + target.widgetKey()
                        + "\r\nOrigin: " + target.origin()
                        + "\r\nUser-Agent: consent-ingestion-benchmark/1.0\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
        this.consentsJson = "[\"" + String.join("\",\"", target.consents()) + "\"]";
    }

    static Result run(Target target, int clients, double seconds, String visitorPrefix) throws IOException {
        return new LoadGenerator(target, visitorPrefix).drive(clients, seconds);
    }

    private Result drive(int clientCount, double seconds) throws IOException {
        try (Selector selector = Selector.open()) {
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                Client client = new Client(i);
                connect(selector, client);
                clients.add(client);
            }
            long begin = System.nanoTime();
            long end = begin + (long) (seconds * 1e9);
            int inFlight = 0;
            for (Client client : clients) {
                send(client);
                inFlight++;
            }
            long last = begin;
            while (inFlight > 0) {
                selector.select(1000);
                Set<SelectionKey> ready = selector.selectedKeys();
                for (Iterator<SelectionKey> it = ready.iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Client client = (Client) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            flush(client);
                        }
                        if (key.isValid() && key.isReadable() && readAnswer(client)) {
                            last = System.nanoTime();
                            if (last < end) {
                                send(client);
                            } else {
                                inFlight--;
                            }
                        }
                    } catch (IOException e) {
                        connectionErrors++;
                        if (firstRejection == null) {
                            firstRejection = "I/O: " + e;
                        }
                        close(client);
                        if (System.nanoTime() < end) {
                            connect(selector, client);
                            send(client);
                        } else {
                            inFlight--;
                        }
                    }
                }
            }
            clients.forEach(LoadGenerator::close);
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new Result(
                    accepted,
                    rejected,
                    connectionErrors,
                    sorted,
                    receipts,
                    (Math.max(last, end) - begin) / 1e9,
                    firstRejection);
        }
    }

    private void connect(Selector selector, Client client) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(target.host(), target.port()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        client.channel = channel;
        client.key = channel.register(selector, SelectionKey.OP_READ, client);
        client.in.clear();
    }

    private void send(Client client) throws IOException {
        byte[] body = ("{\"formVersion\":" + target.formVersion() + ",\"visitorId\":\"" + visitorPrefix + client.id
                        + "-" + (client.seq++) + "\",\"consents\":" + consentsJson + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(headPrefix.length + length.length + body.length);
        out.put(headPrefix).put(length).put(body).flip();
        client.out = out;
        client.in.clear();
        client.sentAt = System.nanoTime();
        flush(client);
    }

    private static void flush(Client client) throws IOException {
        client.channel.write(client.out);
        client.key.interestOps(
                client.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what arrived; true once the whole answer is in (then it is recorded). */
    private boolean readAnswer(Client client) throws IOException {
        ByteBuffer in = client.in;
        if (!in.hasRemaining()) {
            throw new IOException("answer larger than " + in.capacity() + " bytes");
        }
        if (client.channel.read(in) < 0) {
            throw new IOException("connection closed by the server");
        }
        byte[] bytes = in.array();
        int filled = in.position();
        int headEnd = indexOf(bytes, filled, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            return false;
        }
        String head = new String(bytes, 0, headEnd, StandardCharsets.US_ASCII);
        int bodyStart = headEnd + 4;
        int contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                contentLength = Integer.parseInt(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equals("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        String body;
        if (chunked) {
            int terminator = indexOf(bytes, filled, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bodyStart - 2);
            if (terminator < 0) {
                return false;
            }
            body = new String(bytes, bodyStart, terminator - bodyStart, StandardCharsets.UTF_8);
        } else {
            int length = Math.max(contentLength, 0);
            if (filled < bodyStart + length) {
                return false;
            }
            body = new String(bytes, bodyStart, length, StandardCharsets.UTF_8);
        }
        long latency = System.nanoTime() - client.sentAt;
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latency;
        int status = Integer.parseInt(head.substring(9, 12));
        if (status == 201) {
            accepted++;
            int at = body.indexOf("\"receiptId\":\"");
            receipts.add(at < 0 ? "?" : body.substring(at + 13, body.indexOf('"', at + 13)));
        } else {
            rejected.merge(status, 1L, Long::sum);
            if (firstRejection == null) {
                firstRejection = status + " " + body;
            }
        }
        if (close) {
            Selector selector = client.key.selector();
            close(client);
            connect(selector, client);
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int limit, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= limit - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void close(Client client) {
        if (client.channel != null) {
            try {
                client.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
