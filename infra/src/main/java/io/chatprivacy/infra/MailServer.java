package io.chatprivacy.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An SMTP server (GreenMail, plain SMTP without TLS or authentication) that accepts mail for any recipient and keeps
 * it in memory, plus an optional HTTP API on localhost for reading it:
 *
 * <ul>
 *   <li>{@code GET /messages} (optionally {@code ?to=address}): JSON array of {@code {id, from, to:[..], subject,
 *       receivedAt, text, html}}, oldest first; {@code to} lists the envelope recipients.
 *   <li>{@code DELETE /messages}: deletes all messages.
 * </ul>
 *
 * <p>Like a real relay it closes an SMTP session whose client stays silent longer than its idle timeout ({@link
 * #DEFAULT_IDLE_TIMEOUT}, GreenMail's own, unless started with another), after answering {@code 421}. It counts the
 * sessions it opened and closed, so a test can wait until it has closed an idle connection rather than sleep.
 */
public final class MailServer implements AutoCloseable {

    /** How long an SMTP session may stay silent before the server closes it, unless started with another value. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> handle;

    private MailServer(Map<String, Object> handle) {
        this.handle = handle;
    }

    /**
     * Starts the server on localhost with the {@link #DEFAULT_IDLE_TIMEOUT}.
     *
     * @param smtpPort SMTP port, 0 for a free one
     * @param httpPort port of the HTTP read API, 0 for a free one, negative for none
     */
    public static MailServer start(int smtpPort, int httpPort) {
        return start(smtpPort, httpPort, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * Starts the server on localhost.
     *
     * @param smtpPort SMTP port, 0 for a free one
     * @param httpPort port of the HTTP read API, 0 for a free one, negative for none
     * @param idleTimeout how long a session may stay silent before the server answers {@code 421} and closes it (whole
     *     milliseconds, at least one)
     */
    public static MailServer start(int smtpPort, int httpPort, Duration idleTimeout) {
        Server server = new Server(smtpPort, httpPort, idleTimeout);
        server.start();
        return new MailServer(server.handle());
    }

    static MailServer fromHandle(Map<String, Object> handle) {
        return new MailServer(handle);
    }

    Map<String, Object> handle() {
        return handle;
    }

    public int smtpPort() {
        return Handles.<Integer>get(handle, "smtpPort");
    }

    /** Port of the HTTP read API, or -1 if it was not started. */
    public int httpPort() {
        return Handles.<Integer>get(handle, "httpPort");
    }

    /** {@code http://localhost:<httpPort>/messages}, or null without HTTP API. */
    public String messagesUrl() {
        int port = httpPort();
        return port < 0 ? null : "http://localhost:" + port + "/messages";
    }

    /** All messages received, oldest first; a message sent to several recipients appears once. */
    public List<MimeMessage> messages() {
        return parse(Handles.get(handle, "rawMessages"));
    }

    /** Messages delivered to this address (envelope recipient, so Bcc counts), oldest first. Case-insensitive. */
    public List<MimeMessage> messagesTo(String address) {
        return parse(Handles.apply(handle, "rawMessagesTo", address));
    }

    /** Deletes all messages. */
    public void purge() {
        Handles.run(handle, "purge");
    }

    /** How long an SMTP session may stay silent before the server closes it. */
    public Duration idleTimeout() {
        return Duration.ofMillis(Handles.<Long>get(handle, "idleTimeoutMillis"));
    }

    /** SMTP sessions open right now (connected clients, idle or not). */
    public int openSessions() {
        return Handles.<Integer>get(handle, "openSessions");
    }

    /** SMTP sessions that have ended since the start, whoever ended them. */
    public long closedSessions() {
        return Handles.<Long>get(handle, "closedSessions");
    }

    /** SMTP sessions the server has closed since the start because their client stayed silent past the idle timeout. */
    public long idleTimeouts() {
        return Handles.<Long>get(handle, "idleTimeouts");
    }

    /**
     * Makes the next {@code count} mail transactions fail at {@code MAIL FROM} with {@code reply} (a full SMTP reply
     * line, e.g. {@code "421 4.4.2 closing connection"}), and, with {@code hangUp}, the server then closes their
     * session at once, as a relay does that shuts a connection down under its client. Later transactions go through.
     */
    public void failNextMails(int count, String reply, boolean hangUp) {
        if (count < 0 || reply == null || !reply.matches("[45][0-9][0-9] .*")) {
            throw new IllegalArgumentException("count must be >= 0 and reply a 4xx or 5xx reply line");
        }
        Handles.accept(handle, "failNextMails", List.of(count, reply, hangUp));
    }

    /** Whether SMTP accepts connections. */
    public boolean isRunning() {
        return Handles.<Boolean>get(handle, "running");
    }

    /** Stops SMTP (connections are refused) keeping the port, the received messages and the HTTP API. */
    public void stop() {
        Handles.run(handle, "stop");
    }

    /** Starts SMTP again on the same port. Does nothing if it is running. */
    public void restart() {
        Handles.run(handle, "restart");
    }

    /** Stops SMTP and the HTTP API for good. Idempotent. */
    @Override
    public void close() {
        Handles.run(handle, "close");
    }

    @Override
    public String toString() {
        return "MailServer[smtp=localhost:" + smtpPort() + ", http=" + httpPort() + "]";
    }

    private static List<MimeMessage> parse(List<byte[]> raws) {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = new ArrayList<>(raws.size());
        for (byte[] raw : raws) {
            try {
                messages.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable message", e);
            }
        }
        return messages;
    }

    /** One message as read back: deduplicated over recipients' mailboxes. */
    private record Received(
            String id,
            String from,
            List<String> to,
            String subject,
            Instant receivedAt,
            String text,
            String html,
            byte[] raw) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("from", from);
            json.put("to", to);
            json.put("subject", subject);
            json.put("receivedAt", receivedAt == null ? null : receivedAt.toString());
            json.put("text", text);
            json.put("html", html);
            return json;
        }
    }

    /**
     * What the SMTP sessions did (how many are open, ended, and ended by the server's idle timeout), and the failures
     * still to inject.
     */
    private static final class Sessions {
        final AtomicInteger open = new AtomicInteger();
        final AtomicLong closed = new AtomicLong();
        final AtomicLong idleTimeouts = new AtomicLong();
        private int failuresLeft;
        private String failureReply;
        private boolean hangUp;

        synchronized void failNext(int count, String reply, boolean hangUp) {
            this.failuresLeft = count;
            this.failureReply = reply;
            this.hangUp = hangUp;
        }

        /** The injected failure for this MAIL FROM, or null to let it through. */
        synchronized SmtpCommand takeFailure() {
            if (failuresLeft <= 0) {
                return null;
            }
            failuresLeft--;
            String reply = failureReply;
            boolean close = hangUp;
            return new SmtpCommand() {
                @Override
                public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
                    conn.send(reply);
                    if (close) {
                        conn.quit();
                    }
                }
            };
        }
    }

    /**
     * GreenMail whose SMTP sessions time out after the given idle time and are counted, and whose stop keeps the
     * mailboxes, so that an SMTP outage does not lose what was received.
     */
    private static final class KeepingGreenMail extends GreenMail {
        private final int idleTimeoutMillis;
        private final Sessions sessions;

        KeepingGreenMail(ServerSetup setup, int idleTimeoutMillis, Sessions sessions) {
            super(setup);
            this.idleTimeoutMillis = idleTimeoutMillis;
            this.sessions = sessions;
        }

        /** Called by GreenMail's constructor (before our fields are set: plain servers) and again by every start. */
        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(config, managers);
            if (sessions != null) {
                for (ServerSetup setup : config) {
                    if (setup.getProtocol().startsWith(ServerSetup.PROTOCOL_SMTP)) {
                        services.put(setup.getProtocol(), new ObservedSmtpServer(setup, managers, this));
                    }
                }
            }
            return services;
        }

        synchronized void stopKeepingMail() {
            Managers kept = managers;
            super.stop();
            managers = kept;
        }
    }

    /** GreenMail's SMTP server with our idle timeout, counting its sessions. */
    private static final class ObservedSmtpServer extends SmtpServer {
        private final Sessions sessions;

        ObservedSmtpServer(ServerSetup setup, Managers managers, KeepingGreenMail owner) {
            super(setup, managers);
            this.sessions = owner.sessions;
            // GreenMail sets it as SO_TIMEOUT on every accepted socket: a read that waits longer ends the session
            setClientSocketTimeout(owner.idleTimeoutMillis);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            SmtpCommandRegistry commands = new SmtpCommandRegistry() {
                @Override
                public SmtpCommand getCommand(String name) {
                    SmtpCommand failure = "MAIL".equals(name) ? sessions.takeFailure() : null;
                    return failure != null ? failure : super.getCommand(name);
                }
            };
            return new SmtpHandler(commands, managers.getSmtpManager(), clientSocket) {
                @Override
                public void run() {
                    sessions.open.incrementAndGet();
                    try {
                        super.run();
                    } finally {
                        sessions.open.decrementAndGet();
                        sessions.closed.incrementAndGet();
                    }
                }

                @Override
                protected void handleCommand() throws IOException {
                    try {
                        super.handleCommand();
                    } catch (SocketTimeoutException e) {
                        // GreenMail answers 421 and closes the session when this reaches run()
                        sessions.idleTimeouts.incrementAndGet();
                        throw e;
                    }
                }
            };
        }
    }

    /** The real server. Only reached through its handle. */
    private static final class Server {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final int smtpPort;
        private final int httpPortRequested;
        private final KeepingGreenMail greenMail;
        private final int idleTimeoutMillis;
        private final Sessions sessions = new Sessions();
        private HttpServer http;
        private ExecutorService httpExecutor;
        private boolean running;
        private boolean closed;

        Server(int smtpPort, int httpPort, Duration idleTimeout) {
            long idleMillis = idleTimeout.toMillis();
            if (idleMillis < 1 || idleMillis > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "idle timeout must be between 1 ms and " + Integer.MAX_VALUE + " ms");
            }
            Logs.quiet();
            this.smtpPort = smtpPort == 0 ? Ports.free() : smtpPort;
            this.httpPortRequested = httpPort;
            this.idleTimeoutMillis = (int) idleMillis;
            ServerSetup setup = new ServerSetup(this.smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            setup.setServerStartupTimeout(10_000);
            this.greenMail = new KeepingGreenMail(setup, idleTimeoutMillis, sessions);
        }

        Map<String, Object> handle() {
            return Map.ofEntries(
                    Map.entry("smtpPort", (Supplier<Integer>) () -> smtpPort),
                    Map.entry("httpPort", (Supplier<Integer>) this::httpPort),
                    Map.entry("rawMessages", (Supplier<List<byte[]>>) () -> raws(received(null))),
                    Map.entry("rawMessagesTo", (Function<String, List<byte[]>>) to -> raws(received(to))),
                    Map.entry("purge", (Runnable) this::purge),
                    Map.entry("running", (Supplier<Boolean>) this::isRunning),
                    Map.entry("stop", (Runnable) this::stop),
                    Map.entry("restart", (Runnable) this::start),
                    Map.entry("close", (Runnable) this::close),
                    Map.entry("idleTimeoutMillis", (Supplier<Long>) () -> (long) idleTimeoutMillis),
                    Map.entry("openSessions", (Supplier<Integer>) sessions.open::get),
                    Map.entry("closedSessions", (Supplier<Long>) sessions.closed::get),
                    Map.entry("idleTimeouts", (Supplier<Long>) sessions.idleTimeouts::get),
                    Map.entry("failNextMails", (Consumer<List<Object>>) args ->
                            sessions.failNext((Integer) args.get(0), (String) args.get(1), (Boolean) args.get(2))));
        }

        synchronized void start() {
            if (closed) {
                throw new IllegalStateException("Mail server is closed");
            }
            if (!running) {
                greenMail.start();
                running = true;
            }
            if (http == null && httpPortRequested >= 0) {
                startHttp();
            }
        }

        private synchronized boolean isRunning() {
            return running;
        }

        private synchronized int httpPort() {
            return http == null ? -1 : http.getAddress().getPort();
        }

        private synchronized void stop() {
            if (running) {
                greenMail.stopKeepingMail();
                running = false;
            }
        }

        private synchronized void close() {
            if (closed) {
                return;
            }
            stop();
            closed = true;
            if (http != null) {
                http.stop(0);
                httpExecutor.shutdownNow();
                http = null;
            }
        }

        private synchronized void purge() {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException(e);
            }
        }

        private static List<byte[]> raws(List<Received> received) {
            return received.stream().map(Received::raw).toList();
        }

        /**
         * Messages, optionally only those delivered to {@code to}. The copies one SMTP delivery leaves in
         * several recipients' mailboxes count once (same Message-ID); two deliveries of the same
         * Message-ID to one mailbox count twice, so duplicate sends stay visible.
         */
        private synchronized List<Received> received(String to) {
            Map<String, List<String>> recipients = new LinkedHashMap<>();
            Map<String, StoredMessage> firstCopy = new LinkedHashMap<>();
            var imap = greenMail.getManagers().getImapHostManager();
            for (GreenMailUser user : greenMail.getUserManager().listUser()) {
                List<StoredMessage> inbox;
                try {
                    inbox = imap.getInbox(user).getMessages();
                } catch (FolderException e) {
                    continue;
                }
                Map<String, Integer> occurrences = new java.util.HashMap<>();
                for (StoredMessage stored : inbox) {
                    String messageKey = key(user, stored);
                    String key = messageKey + "#" + occurrences.merge(messageKey, 1, Integer::sum);
                    firstCopy.putIfAbsent(key, stored);
                    recipients.computeIfAbsent(key, k -> new ArrayList<>()).add(user.getEmail());
                }
            }
            List<Received> result = new ArrayList<>();
            for (Map.Entry<String, StoredMessage> e : firstCopy.entrySet()) {
                List<String> envelope = new ArrayList<>(new TreeSet<>(recipients.get(e.getKey())));
                if (to != null && envelope.stream().noneMatch(address -> address.equalsIgnoreCase(to.trim()))) {
                    continue;
                }
                result.add(toReceived(e.getKey(), envelope, e.getValue()));
            }
            result.sort(Comparator.comparing(Received::receivedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
            return result;
        }

        private static String key(GreenMailUser user, StoredMessage stored) {
            try {
                String messageId = stored.getMimeMessage().getMessageID();
                if (messageId != null && !messageId.isBlank()) {
                    return messageId.trim().replaceAll("^<|>$", "");
                }
            } catch (MessagingException e) {
                // fall through
            }
            return user.getEmail().toLowerCase(Locale.ROOT) + "/" + stored.getUid();
        }

        private static Received toReceived(String id, List<String> to, StoredMessage stored) {
            MimeMessage message = stored.getMimeMessage();
            try {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                String[] bodies = new String[2];
                collectBodies(message, bodies);
                Address[] from = message.getFrom();
                return new Received(
                        id,
                        from == null || from.length == 0 ? null : ((InternetAddress) from[0]).getAddress(),
                        to,
                        message.getSubject(),
                        stored.getReceivedDate() == null
                                ? null
                                : stored.getReceivedDate().toInstant(),
                        bodies[0],
                        bodies[1],
                        raw.toByteArray());
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Unreadable message " + id, e);
            }
        }

        /** bodies[0] = first text/plain, bodies[1] = first text/html, attachments skipped. */
        private static void collectBodies(Part part, String[] bodies) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("text/plain") && bodies[0] == null) {
                bodies[0] = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && bodies[1] == null) {
                bodies[1] = String.valueOf(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collectBodies(multipart.getBodyPart(i), bodies);
                }
            }
        }

        private void startHttp() {
            try {
                http = HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPortRequested), 16);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the mail HTTP API on port " + httpPortRequested, e);
            }
            httpExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mail-http");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(httpExecutor);
            http.createContext("/", this::serve);
            http.start();
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                try {
                    route(exchange);
                } catch (RuntimeException e) {
                    send(exchange, 500, Map.of("error", String.valueOf(e)));
                }
            }
        }

        private void route(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/messages") && !path.equals("/messages/")) {
                send(exchange, 404, Map.of("error", "not found", "try", "GET /messages[?to=address]"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    String to = query(exchange, "to");
                    List<Map<String, Object>> json =
                            received(to).stream().map(Received::json).toList();
                    send(exchange, 200, json);
                }
                case "DELETE" -> {
                    purge();
                    exchange.sendResponseHeaders(204, -1);
                }
                case "OPTIONS" -> {
                    exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, DELETE");
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> {
                    exchange.getResponseHeaders().add("Allow", "GET, DELETE");
                    send(exchange, 405, Map.of("error", "method not allowed"));
                }
            }
        }

        private static String query(HttpExchange exchange, String name) {
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw == null) {
                return null;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return value.isBlank() ? null : value;
                }
            }
            return null;
        }

        private static void send(HttpExchange exchange, int status, Object body) throws IOException {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
