package io.chatprivacy.notification;

import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the notification tests share: a registered account, events from golden samples, mail bodies. */
public final class Fixtures {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private Fixtures() {}

    /** An account this service knows, with an owner address no other test uses. */
    public record Owner(UUID accountId, String email, String name) {}

    /** Registers an account through request-service's golden sample and waits until it is copied here. */
    public static Owner registerAccount(KafkaCompanion kafka, AccountRepository accounts) {
        UUID accountId = UUID.randomUUID();
        String email = "owner-" + accountId.toString().substring(0, 8) + "@demo.example";
        String id = accountId.toString();
        GoldenEvent registered = GoldenEvent.load("account-events", "account.registered.v1")
                .withAttributes(attributes(accountId, accountId))
                .withData(Map.of(
                        "accountId", id,
                        "ownerEmail", email,
                        "widgetKeySha256",
                                String.format("%64s", Integer.toHexString(id.hashCode()))
                                        .replace(' ', '0')));
        send(kafka, registered.toRecord());
        await().atMost(WAIT)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> accounts.findById(accountId)) != null);
        return new Owner(accountId, email, "Demo Shop");
    }

    /** A golden sample of another service, re-aimed at the given account with fresh ids. */
    public static GoldenEvent sample(
            String topic, String type, UUID accountId, UUID subject, Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>(data);
        fields.put("accountId", accountId.toString());
        return GoldenEvent.load(topic, type)
                .withAttributes(attributes(accountId, subject))
                .withData(fields);
    }

    /** A verification-issued event carrying a real sealed code that expires in 30 minutes. */
    public static GoldenEvent verificationIssued(UUID accountId, UUID requestId, UUID jobId, String code) {
        return sample(
                "deletion-events",
                "deletion.verification-issued.v1",
                accountId,
                jobId,
                Map.of(
                        "requestId", requestId.toString(),
                        "jobId", jobId.toString(),
                        "sealedCode", Seals.seal(code, jobId),
                        "expiresAt",
                                Instant.now()
                                        .plus(30, ChronoUnit.MINUTES)
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString()));
    }

    public static Map<String, String> attributes(UUID accountId, UUID subject) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("id", UUID.randomUUID().toString());
        attributes.put("accountid", accountId.toString());
        attributes.put("partitionkey", accountId.toString());
        attributes.put("subject", subject.toString());
        return attributes;
    }

    public static void send(KafkaCompanion kafka, ProducerRecord<String, String> record) {
        kafka.produce(String.class, String.class).fromRecords(record).awaitCompletion();
    }

    /** Whether the inbox has applied the record's event (a dead-lettered one never is). */
    public static boolean processed(AgroalDataSource dataSource, ProducerRecord<String, String> record) {
        String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) > 0;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The delivery log's rows about a request, oldest first. */
    public static List<OutgoingMail> mailsAbout(OutgoingMailRepository mails, UUID requestId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> mails.list("requestId", io.quarkus.panache.common.Sort.ascending("createdAt"), requestId));
    }

    /** Starts reading a topic from its beginning; stop the task when done. */
    public static ConsumerTask<String, String> read(KafkaCompanion kafka, String topic) {
        return kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(topic);
    }

    public static List<ConsumerRecord<String, String>> about(
            ConsumerTask<String, String> task, String type, UUID subject) {
        return task.getRecords().stream()
                .filter(r ->
                        type.equals(header(r, "ce_type")) && subject.toString().equals(header(r, "ce_subject")))
                .toList();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The first text/plain part of a message. */
    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The first text/html part of a message. */
    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
