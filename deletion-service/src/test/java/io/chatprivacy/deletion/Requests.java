package io.chatprivacy.deletion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** request-service's side of the flow, played from its golden samples, and the code as notification-service reads it. */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A code as the owner would find it in the mail, and the job it belongs to. */
    public record IssuedCode(UUID jobId, String code, JsonNode data) {}

    private Requests() {}

    public static GoldenEvent opened(UUID account, UUID requestId, Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>(data);
        fields.put("requestId", requestId.toString());
        fields.put("accountId", account.toString());
        return GoldenEvent.load("request-events", "request.opened.v1")
                .withAttributes(Map.of(
                        "id", UUID.randomUUID().toString(),
                        "accountid", account.toString(),
                        "subject", requestId.toString(),
                        "partitionkey", account.toString()))
                .withData(fields);
    }

    /** An ACCESS request for the consumer with this address (and optionally visitor id). */
    public static GoldenEvent access(UUID account, UUID requestId, String email, String visitorId) {
        Map<String, Object> fields = Fixtures.nulls("tag", "correction");
        fields.put("requestType", "ACCESS");
        fields.put("subjectEmail", email);
        fields.put("subjectVisitorId", visitorId);
        return opened(account, requestId, fields);
    }

    /** request-service asking for a fresh copy of an ACCESS request: attempt {@code attempt}, the sample's address and visitor id. */
    public static GoldenEvent exportRequested(UUID account, UUID requestId, int attempt) {
        return exportRequested(account, requestId, Map.of("attempt", attempt));
    }

    /** request-service asking for a fresh copy of an ACCESS request, some of the sample's data replaced (null allowed). */
    public static GoldenEvent exportRequested(UUID account, UUID requestId, Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("requestId", requestId.toString());
        fields.put("accountId", account.toString());
        fields.putAll(data);
        return GoldenEvent.load("request-events", "request.export-requested.v1")
                .withAttributes(Map.of(
                        "id", UUID.randomUUID().toString(),
                        "accountid", account.toString(),
                        "subject", requestId.toString(),
                        "partitionkey", account.toString()))
                .withData(fields);
    }

    /** A DELETE request for the data subject with this address. */
    public static GoldenEvent deleteSubject(UUID account, UUID requestId, String email) {
        Map<String, Object> fields = Fixtures.nulls("tag", "subjectVisitorId", "correction");
        fields.put("subjectEmail", email);
        return opened(account, requestId, fields);
    }

    /** A CORRECT request of {@code field} (EMAIL or NAME) to {@code value}. */
    public static GoldenEvent correct(
            UUID account, UUID requestId, String field, String value, String email, String visitorId) {
        Map<String, Object> fields = Fixtures.nulls("tag");
        fields.put("requestType", "CORRECT");
        fields.put("subjectEmail", email);
        fields.put("subjectVisitorId", visitorId);
        fields.put("correction", Map.of("field", field, "value", value));
        return opened(account, requestId, fields);
    }

    /** The same event delivered again with a new event id (a producer that published it twice). */
    public static GoldenEvent republished(GoldenEvent event) {
        return event.withAttributes(Map.of("id", UUID.randomUUID().toString()));
    }

    /**
     * Whether deletion-service consumed the event to the end: its id is remembered only when its effect
     * committed (an event that failed into the dead-letter topic is not).
     */
    public static boolean processed(Sql sql, GoldenEvent event) {
        return sql.count(
                        "select count(*) from processed_event where consumer = 'deletion-service/request-events'"
                                + " and event_id = ?",
                        event.attribute("id"))
                == 1;
    }

    public static GoldenEvent openedForTag(UUID account, UUID requestId, String tag) {
        return opened(account, requestId, Map.of("tag", tag));
    }

    public static GoldenEvent declined(UUID account, UUID requestId) {
        return GoldenEvent.load("request-events", "request.declined.v1")
                .withAttributes(Map.of(
                        "id", UUID.randomUUID().toString(),
                        "accountid", account.toString(),
                        "subject", requestId.toString(),
                        "partitionkey", account.toString()))
                .withData(Map.of("requestId", requestId.toString(), "accountId", account.toString()));
    }

    public static void send(KafkaCompanion kafka, GoldenEvent... events) {
        kafka.produce(String.class, String.class)
                .fromRecords(java.util.Arrays.stream(events)
                        .map(GoldenEvent::toRecord)
                        .toList())
                .awaitCompletion();
    }

    /** Waits for the account's {@code nth} verification-issued event (1-based) and unseals its code. */
    public static IssuedCode code(Fixtures.DeletionEvents events, CodeSealer sealer, UUID account, int nth) {
        List<ConsumerRecord<String, String>> issued = events.await(account, "deletion.verification-issued.v1", nth);
        JsonNode data = data(issued.get(nth - 1));
        UUID jobId = UUID.fromString(data.get("jobId").asText());
        return new IssuedCode(jobId, sealer.open(data.get("sealedCode").asText(), jobId), data);
    }

    /** The account's events of this type that concern one request (data field {@code requestId}). */
    public static List<JsonNode> forRequest(Fixtures.DeletionEvents events, UUID account, String type, UUID requestId) {
        return events.of(account, type).stream()
                .map(Requests::data)
                .filter(d -> requestId.toString().equals(d.path("requestId").asText()))
                .toList();
    }

    /** Waits for the first event of this type about one request. */
    public static JsonNode awaitForRequest(Fixtures.DeletionEvents events, UUID account, String type, UUID requestId) {
        org.awaitility.Awaitility.await()
                .atMost(Fixtures.WAIT)
                .until(() -> !forRequest(events, account, type, requestId).isEmpty());
        return forRequest(events, account, type, requestId).get(0);
    }

    public static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
