package io.chatprivacy.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.Managers;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 */
public final class MailServer implements AutoCloseable {

    private final Map<String, Object> handle;

    private MailServer(Map<String, Object> handle) {
        this.handle = handle;
    }

    /**
     * Starts the server on localhost.
     *
     * @param smtpPort SMTP port, 0 for a free one
     * @param httpPort port of the HTTP read API, 0 for a free one, negative for none
     */
    public static MailServer start(int smtpPort, int httpPort) {
        Server server = new Server(smtpPort, httpPort);
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

    /** GreenMail whose stop keeps the mailboxes, so that an SMTP outage does not lose what was received. */
    private static final class KeepingGreenMail extends GreenMail {
        KeepingGreenMail(ServerSetup setup) {
            super(setup);
        }

        synchronized void stopKeepingMail() {
            Managers kept = managers;
            super.stop();
            managers = kept;
        }
    }

    /** The real server. Only reached through its handle. */
    private static final class Server {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final int smtpPort;
        private final int httpPortRequested;
        private final KeepingGreenMail greenMail;
        private HttpServer http;
        private ExecutorService httpExecutor;
        private boolean running;
        private boolean closed;

        Server(int smtpPort, int httpPort) {
            Logs.quiet();
            this.smtpPort = smtpPort == 0 ? Ports.free() : smtpPort;
            this.httpPortRequested = httpPort;
            ServerSetup setup = new ServerSetup(this.smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            setup.setServerStartupTimeout(10_000);
            this.greenMail = new KeepingGreenMail(setup);
        }

        Map<String, Object> handle() {
            return Map.of(
                    "smtpPort", (Supplier<Integer>) () -> smtpPort,
                    "httpPort", (Supplier<Integer>) this::httpPort,
                    "rawMessages", (Supplier<List<byte[]>>) () -> raws(received(null)),
                    "rawMessagesTo", (Function<String, List<byte[]>>) to -> raws(received(to)),
                    "purge", (Runnable) this::purge,
                    "running", (Supplier<Boolean>) this::isRunning,
                    "stop", (Runnable) this::stop,
                    "restart", (Runnable) this::start,
                    "close", (Runnable) this::close);
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
