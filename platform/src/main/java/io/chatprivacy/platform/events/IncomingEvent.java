package io.chatprivacy.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A CloudEvent read from Kafka: its attributes (from the binary-mode headers), where it came from
 * and its JSON data, which a consumer maps onto its own minimal copy of the producer's record.
 */
public record IncomingEvent(
        String id,
        String type,
        String source,
        OffsetDateTime time,
        UUID accountId,
        String subject,
        String schemaVersion,
        String topic,
        int partition,
        long offset,
        String key,
        JsonNode data) {

    /** Consumers ignore fields they do not know: producers may add fields within a major version. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    /**
     * Reads the CloudEvent carried by a record.
     *
     * @throws PoisonEventException when a required attribute is missing or the data is not JSON:
     *     such a record can never be processed and belongs on the dead-letter topic
     */
    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        OffsetDateTime time;
        try {
            String rawTime = header(record, CloudEventHeaders.TIME);
            time = rawTime == null ? null : OffsetDateTime.parse(rawTime);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 timestamp");
        }
        UUID accountId;
        try {
            String rawAccount = header(record, CloudEventHeaders.ACCOUNT_ID);
            accountId = rawAccount == null ? null : UUID.fromString(rawAccount);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("ce_accountid is not a UUID");
        }
        if (record.value() == null) {
            throw new PoisonEventException("event " + id + " has no data");
        }
        JsonNode data;
        try {
            data = READER.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("event " + id + " data is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw new PoisonEventException("event " + id + " data is not a JSON object");
        }
        return new IncomingEvent(
                id,
                type,
                source,
                time,
                accountId,
                header(record, CloudEventHeaders.SUBJECT),
                header(record, CloudEventHeaders.SCHEMA_VERSION),
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                data);
    }

    /**
     * Maps the data onto the consumer's own record type.
     *
     * @throws PoisonEventException when the data does not fit that type
     */
    public <T> T data(Class<T> type) {
        try {
            return READER.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException(
                    "event " + id + " of type " + this.type + " does not fit " + type.getSimpleName());
        }
    }

    /** The account the event belongs to; a poison event when the producer left it out. */
    public UUID requireAccountId() {
        if (accountId == null) {
            throw new PoisonEventException("event " + id + " has no ce_accountid");
        }
        return accountId;
    }

    /**
     * The event's account ({@code ce_accountid}), which the account its data names, if any, must repeat:
     * a mismatch is a contract violation (poison).
     */
    public UUID requireAccountId(UUID dataAccountId) {
        UUID account = requireAccountId();
        if (dataAccountId != null && !dataAccountId.equals(account)) {
            throw new PoisonEventException("event " + id + " names two different accounts");
        }
        return account;
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " lacks header " + name);
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
