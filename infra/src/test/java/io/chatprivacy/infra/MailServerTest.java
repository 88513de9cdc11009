package io.chatprivacy.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void receivesMailAndServesItOverHttp() throws Exception {
        try (MailServer mail = MailServer.start(0, 0)) {
            send(mail.smtpPort(), "Hello", "plain body", "<p>html body</p>", "Alice@Example.com", "bob@example.com");

            await().atMost(Duration.ofSeconds(10)).until(() -> mail.messages().size() == 1);
            assertThat(mail.messages().get(0).getSubject()).isEqualTo("Hello");
            assertThat(mail.messagesTo("bob@example.com")).hasSize(1);
            assertThat(mail.messagesTo("alice@example.com")).hasSize(1); // case-insensitive
            assertThat(mail.messagesTo("carol@example.com")).isEmpty();

            JsonNode all = get(mail.messagesUrl());
            assertThat(all).hasSize(1);
            JsonNode message = all.get(0);
            assertThat(message.get("id").asText()).isNotBlank();
            assertThat(message.get("from").asText()).isEqualTo("privacy@localhost");
            assertThat(message.get("subject").asText()).isEqualTo("Hello");
            assertThat(message.get("to")).hasSize(2);
            assertThat(message.get("text").asText()).isEqualTo("plain body");
            assertThat(message.get("html").asText()).isEqualTo("<p>html body</p>");
            assertThat(message.get("receivedAt").asText()).isNotBlank();

            assertThat(get(mail.messagesUrl() + "?to=bob%40example.com")).hasSize(1);
            assertThat(get(mail.messagesUrl() + "?to=nobody@example.com")).isEmpty();

            HttpResponse<String> deleted = http.send(
                    HttpRequest.newBuilder(URI.create(mail.messagesUrl()))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(get(mail.messagesUrl())).isEmpty();
            assertThat(mail.messages()).isEmpty();
        }
    }

    @Test
    void smtpOutageKeepsPortAndMail() throws Exception {
        try (MailServer mail = MailServer.start(0, -1)) {
            assertThat(mail.httpPort()).isEqualTo(-1);
            assertThat(mail.messagesUrl()).isNull();
            int port = mail.smtpPort();
            send(port, "before", "1", null, "x@example.com");

            mail.stop();
            assertThat(mail.isRunning()).isFalse();
            assertThatThrownBy(() -> send(port, "during", "2", null, "x@example.com"))
                    .isInstanceOf(MessagingException.class);

            mail.restart();
            assertThat(mail.smtpPort()).isEqualTo(port);
            send(port, "after", "3", null, "x@example.com");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mail.messagesTo("x@example.com").size() == 2);
            assertThat(mail.messages().get(0).getSubject()).isEqualTo("before");
            assertThat(mail.messages().get(1).getSubject()).isEqualTo("after");
        }
    }

    @Test
    void closesASessionIdleLongerThanItsTimeoutAndSaysSo() throws Exception {
        try (MailServer mail = MailServer.start(0, -1, Duration.ofMillis(700))) {
            assertThat(mail.idleTimeout()).isEqualTo(Duration.ofMillis(700));
            assertThat(mail.openSessions()).isZero();
            try (Socket socket = new Socket("localhost", mail.smtpPort())) {
                socket.setSoTimeout(10_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                assertThat(in.readLine()).startsWith("220 ");
                await().atMost(Duration.ofSeconds(5)).until(() -> mail.openSessions() == 1);

                out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("250");

                // then silence: the server answers 421 and closes the connection
                await().atMost(Duration.ofSeconds(10)).until(() -> mail.idleTimeouts() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> mail.openSessions() == 0);
                assertThat(mail.closedSessions()).isEqualTo(1);
                assertThat(in.readLine()).startsWith("421 ");
                assertThat(in.readLine()).isNull();
            }

            // a new session works as before, and ends by QUIT without counting as an idle timeout
            send(mail.smtpPort(), "after", "x", null, "x@example.com");
            await().atMost(Duration.ofSeconds(5)).until(() -> mail.closedSessions() == 2);
            assertThat(mail.idleTimeouts()).isEqualTo(1);
            assertThat(mail.messagesTo("x@example.com")).hasSize(1);
        }
    }

    @Test
    void failsTheNextMailsAsToldThenLetsMailThrough() throws Exception {
        try (MailServer mail = MailServer.start(0, -1)) {
            mail.failNextMails(1, "421 4.4.2 closing connection", true);
            // the client sees the connection go (which error it reports first is up to it)
            assertThatThrownBy(() -> send(mail.smtpPort(), "first", "1", null, "y@example.com"))
                    .isInstanceOf(MessagingException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> mail.closedSessions() == 1 && mail.openSessions() == 0);
            assertThat(mail.messagesTo("y@example.com")).isEmpty();

            mail.failNextMails(2, "451 4.3.0 try again later", false);
            assertThatThrownBy(() -> send(mail.smtpPort(), "second", "2", null, "y@example.com"))
                    .hasMessageContaining("451 4.3.0 try again later");
            assertThatThrownBy(() -> send(mail.smtpPort(), "third", "3", null, "y@example.com"))
                    .hasMessageContaining("451 4.3.0 try again later");
            send(mail.smtpPort(), "fourth", "4", null, "y@example.com");
            assertThat(mail.messagesTo("y@example.com")).hasSize(1);
            assertThat(mail.messagesTo("y@example.com").get(0).getSubject()).isEqualTo("fourth");

            assertThatThrownBy(() -> mail.failNextMails(1, "250 ok", false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mail.failNextMails(-1, "421 x", false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void idleTimeoutDefaultsToGreenMailsAndSurvivesARestart() throws Exception {
        try (MailServer mail = MailServer.start(0, -1)) {
            assertThat(mail.idleTimeout()).isEqualTo(MailServer.DEFAULT_IDLE_TIMEOUT);
        }
        try (MailServer mail = MailServer.start(0, -1, Duration.ofMillis(500))) {
            mail.stop();
            mail.restart();
            try (Socket socket = new Socket("localhost", mail.smtpPort())) {
                socket.setSoTimeout(10_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("220 ");
                await().atMost(Duration.ofSeconds(10)).until(() -> mail.idleTimeouts() == 1);
                assertThat(in.readLine()).startsWith("421 ");
            }
        }
        assertThatThrownBy(() -> MailServer.start(0, -1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void aRepeatedDeliveryOfOneMessageIdCountsTwice() throws Exception {
        try (MailServer mail = MailServer.start(0, -1)) {
            sendWithId(mail.smtpPort(), "<same-id@test>", "once", "a@example.com", "b@example.com");
            sendWithId(mail.smtpPort(), "<dup-id@test>", "twice", "c@example.com");
            sendWithId(mail.smtpPort(), "<dup-id@test>", "twice", "c@example.com");

            assertThat(mail.messagesTo("a@example.com")).hasSize(1);
            assertThat(mail.messagesTo("b@example.com")).hasSize(1);
            assertThat(mail.messagesTo("c@example.com")).hasSize(2);
            assertThat(mail.messages()).hasSize(3);
        }
    }

    private static void sendWithId(int port, String messageId, String subject, String... to) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("privacy@localhost"));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText(subject);
        Transport.send(message);
    }

    static void send(int port, String subject, String text, String html, String... to) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "2000");
        props.put("mail.smtp.timeout", "2000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("privacy@localhost"));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        if (html == null) {
            message.setText(text);
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=UTF-8");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            message.setContent(alternative);
        }
        Transport.send(message);
    }
}
