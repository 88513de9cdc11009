package io.chatprivacy.bench.consent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
 * Drives {@code POST /widget/consents} over keep-alive HTTP/1.1 connections, each request with a new
 * visitor id. All connections are driven by ONE thread with a selector: the load generator shares the
 * two cores with everything it measures, so it must cost as little as possible per request (no thread
 * wake-up per answer, no HTTP library).
 *
 * <p>Two modes: {@link #run closed loop} (a fixed number of clients, each posting its next consent as
 * soon as its previous one was answered; every latency and every accepted receipt id are kept, so the
 * run can be checked against the ledger and the topic afterwards) and {@link #runPaced open loop} (sends
 * at the times of a {@link Pacing} schedule, whether or not the answers keep up, on as many
 * connections as are needed up to a limit; every answer goes to an {@link Answers} sink).
 */
public final class LoadGenerator {

    /** What the record-consent endpoint needs. */
    public record Target(
            String host, int port, String widgetKey, String origin, int formVersion, List<String> consents) {}

    /** The outcome of one closed-loop run. */
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

    /** When the open-loop mode sends: the nth request at {@link #sendAt}(n) (System.nanoTime). */
    public interface Pacing {
        long sendAt(long n);
    }

    /** Where the open-loop mode reports; called on the generator's thread. */
    public interface Answers {
        /**
         * An answer arrived.
         *
         * @param scheduledNanos when the request should have gone out
         * @param sentNanos when it went out (later than scheduled when no connection was free)
         * @param answeredNanos when its answer was complete
         * @param receiptId the receipt id of a 201, else null
         * @param body the answer's body (for a rejection's detail)
         */
        void answered(
                long scheduledNanos, long sentNanos, long answeredNanos, int status, String receiptId, String body);

        /** A connection failed (the request on it, if any, is lost and counted here). */
        void connectionError(IOException e);

        /** A request scheduled at {@code scheduledNanos} is about to go out. */
        default void sending(long scheduledNanos) {}
    }

    /** One client: a connection, the request in flight and what has been read of its answer. */
    private static final class Client {
        final int id;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long scheduledAt;
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
    private final Answers answers;
    private long[] latencies = new long[1 << 16];
    private int count;
    private long accepted;
    private long connectionErrors;
    /** Requests sent whose answer has not come (nor their connection failed). */
    private int pending;

    private final Map<Integer, Long> rejected = new TreeMap<>();
    private final Set<String> receipts = new HashSet<>();
    private String firstRejection;

    private LoadGenerator(Target target, String visitorPrefix, Answers answers) {
        this.target = target;
        this.visitorPrefix = visitorPrefix;
        this.headPrefix = ("POST /widget/consents HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                        + "\r\nContent-Type: application/json\r\nX-Widget-Key: " + target.widgetKey()
                        + "\r\nOrigin: " + target.origin()
                        + "\r\nUser-Agent: consent-ingestion-benchmark/1.0\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
        this.consentsJson = "[\"" + String.join("\",\"", target.consents()) + "\"]";
        this.answers = answers != null
                ? answers
                : new Answers() {
                    @Override
                    public void answered(
                            long scheduledNanos,
                            long sentNanos,
                            long answeredNanos,
                            int status,
                            String receiptId,
                            String body) {
                        record(answeredNanos - sentNanos, status, receiptId, body);
                    }

                    @Override
                    public void connectionError(IOException e) {
                        connectionErrors++;
                        if (firstRejection == null) {
                            firstRejection = "I/O: " + e;
                        }
                    }
                };
    }

    static Result run(Target target, int clients, double seconds, String visitorPrefix) throws IOException {
        return new LoadGenerator(target, visitorPrefix, null).drive(clients, seconds);
    }

    /**
     * Open loop: sends request n at {@code pacing.sendAt(n)} for every such time before {@code endNanos},
     * on a free connection, opening one more (up to {@code maxConnections}) when none is free; when all
     * are busy the due requests wait and go out late, in order (the sink sees how late); those still
     * waiting at the end are never sent. Returns the number of requests sent once every answer is in,
     * or {@code drainNanos} after the end passed.
     */
    public static long runPaced(
            Target target,
            Pacing pacing,
            long endNanos,
            int maxConnections,
            long drainNanos,
            String visitorPrefix,
            Answers answers)
            throws IOException {
        return new LoadGenerator(target, visitorPrefix, answers)
                .drivePaced(pacing, endNanos, maxConnections, drainNanos);
    }

    private long drivePaced(Pacing pacing, long endNanos, int maxConnections, long drainNanos) throws IOException {
        try (Selector selector = Selector.open()) {
            List<Client> all = new ArrayList<>();
            ArrayDeque<Client> idle = new ArrayDeque<>();
            long next = 0;
            int ids = 0;
            while (true) {
                long now = System.nanoTime();
                long due = pacing.sendAt(next);
                while (due < endNanos && due <= now && now < endNanos) {
                    Client client = idle.pollFirst();
                    if (client == null && all.size() < maxConnections) {
                        client = new Client(ids++);
                        try {
                            connect(selector, client);
                        } catch (IOException e) {
                            answers.connectionError(e);
                            next++; // this request could not be sent: counted as a connection error
                            due = pacing.sendAt(next);
                            continue;
                        }
                        all.add(client);
                    }
                    if (client == null) {
                        break; // every connection busy: the due requests wait for an answer
                    }
                    client.scheduledAt = due;
                    answers.sending(due);
                    try {
                        send(client);
                    } catch (IOException e) {
                        client.out = null;
                        pending--;
                        answers.connectionError(e);
                        reconnect(selector, client, idle, all);
                    }
                    next++;
                    due = pacing.sendAt(next);
                }
                boolean over = due >= endNanos || now >= endNanos; // what is still due is never sent
                if (over && (pending == 0 || now > endNanos + drainNanos)) {
                    break;
                }
                long waitMillis = !over && (!idle.isEmpty() || all.size() < maxConnections)
                        ? Math.max(1, (due - now) / 1_000_000)
                        : 100;
                selector.select(waitMillis);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Client client = (Client) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            flush(client);
                        }
                        if (key.isValid() && key.isReadable() && readAnswer(client)) {
                            idle.addLast(client);
                        }
                    } catch (IOException e) {
                        if (client.out != null) {
                            client.out = null;
                            pending--; // its request is lost, counted as the connection error
                            answers.connectionError(e);
                        } else {
                            idle.remove(client); // an idle connection the server closed: nothing lost
                        }
                        reconnect(selector, client, idle, all);
                    }
                }
            }
            all.forEach(LoadGenerator::close);
            return next;
        }
    }

    private void reconnect(Selector selector, Client client, ArrayDeque<Client> idle, List<Client> all) {
        close(client);
        client.out = null;
        try {
            connect(selector, client);
            idle.addLast(client);
        } catch (IOException e) {
            answers.connectionError(e);
            all.remove(client); // gone: a new connection is opened when one is needed
        }
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
                client.scheduledAt = System.nanoTime();
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
                                client.scheduledAt = last;
                                send(client);
                            } else {
                                inFlight--;
                            }
                        }
                    } catch (IOException e) {
                        answers.connectionError(e);
                        close(client);
                        if (System.nanoTime() < end) {
                            connect(selector, client);
                            client.scheduledAt = System.nanoTime();
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

    private void record(long latency, int status, String receiptId, String body) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latency;
        if (status == 201) {
            accepted++;
            receipts.add(receiptId);
        } else {
            rejected.merge(status, 1L, Long::sum);
            if (firstRejection == null) {
                firstRejection = status + " " + body;
            }
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
        pending++;
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
        long answeredAt = System.nanoTime();
        int status = Integer.parseInt(head.substring(9, 12));
        String receiptId = null;
        if (status == 201) {
            int at = body.indexOf("\"receiptId\":\"");
            receiptId = at < 0 ? "?" : body.substring(at + 13, body.indexOf('"', at + 13));
        }
        client.out = null;
        pending--;
        answers.answered(client.scheduledAt, client.sentAt, answeredAt, status, receiptId, body);
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
