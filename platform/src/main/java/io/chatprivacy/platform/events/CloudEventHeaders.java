package io.chatprivacy.platform.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Names of the Kafka headers that carry CloudEvents attributes in binary content mode.
 *
 * <p>The payload is the event's JSON data; the attributes travel as {@code ce_*} headers, as the
 * CloudEvents Kafka protocol binding specifies. {@code accountid} and {@code schemaversion} are
 * extension attributes of this system.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String ACCOUNT_ID = "ce_accountid";
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}

    /**
     * Whether the record declares, in its {@link #TYPE} header, a type other than {@code wanted}: a consumer that
     * wants one type of a busy topic skips the rest by it, before its inbox opens a transaction and remembers their
     * ids. A record without the header is not skipped: the inbox dead-letters it.
     */
    public static boolean declaresOtherType(ConsumerRecord<?, ?> record, String wanted) {
        Header type = record.headers().lastHeader(TYPE);
        return type != null && type.value() != null && !wanted.equals(new String(type.value(), StandardCharsets.UTF_8));
    }
}
