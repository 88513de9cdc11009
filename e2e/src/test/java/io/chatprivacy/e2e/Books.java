package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole system's books, read where they are kept (each service's database, the Kafka topics, the SMTP server's
 * mailboxes), and the checks that they add up after faults: every outbox row published and on its topic exactly once,
 * every mail {@code SENT} and received exactly once by its Message-ID.
 *
 * <p>Two exceptions are allowed, and only when a test names them: a mail the SMTP server had accepted when
 * notification-service was killed before marking it sent ({@link #mailMayRepeat}), and an outbox batch a killed
 * relay had handed to Kafka but not marked published ({@link #eventsMayRepeat}): the survivor sends it again, and
 * the consumers' inboxes apply it once.
 */
final class Books {

    static final Duration WAIT = Duration.ofMinutes(3);

    private final Stack stack;
    private final MailServer mail;
    /*
     * What a kill repeated belongs to the shared system's history, not to one test class's books: the system lives
     * as long as the test JVM, and a later class's books read every earlier class's events and mails (ScaleOutIT
     * kills a consent relay; FaultsIT, after it, reads that batch on Kafka twice). So the mails allowed twice, and
     * the events found repeated while a kill allowed it, are remembered for every later books: those exactly, and
     * nothing new, may be there twice.
     */
    private static final Set<String> mailsMayRepeat = ConcurrentHashMap.newKeySet();

    private static final Set<String> eventsRepeatedBefore = ConcurrentHashMap.newKeySet();
    private final Set<String> eventsMayRepeat = ConcurrentHashMap.newKeySet();

    Books(Stack stack) {
        this.stack = stack;
        this.mail = stack.mail().orElseThrow();
    }

    /** This mail (the id of its row) may have reached the SMTP server twice. */
    void mailMayRepeat(String mailId) {
        mailsMayRepeat.add(mailId);
    }

    /** Events of this service's topics may be on Kafka twice: a relay of it was killed while relaying. */
    void eventsMayRepeat(Service service) {
        eventsMayRepeat.add(service.name());
    }

    /**
     * Every outbox row of every service is published and on its topic exactly once (by event id; at least once for
     * a service whose relay was killed, see {@link #eventsMayRepeat}); every mail row is {@code SENT} and reached
     * the SMTP server exactly once (by its Message-ID), but for a mail caught in flight by a kill -9; and no mail
     * arrived that has no row.
     */
    void assertNothingLostNothingDoubled() {
        for (Service service : Service.values()) {
            await().atMost(WAIT)
                    .until(() ->
                            queryInt(service, "select count(*) from outbox_event where published_at is null") == 0);
            Map<String, List<String>> byTopic = new LinkedHashMap<>();
            try (Connection c = connect(service);
                    ResultSet rs = c.createStatement()
                            .executeQuery(
                                    // the system goes on working while its books are read: only rows marked published
                                    // before the topics are read must be on them (the relay marks a row after Kafka's
                                    // ack)
                                    "select id::text, topic from outbox_event where published_at is not null")) {
                while (rs.next()) {
                    byTopic.computeIfAbsent(rs.getString(2), t -> new ArrayList<>())
                            .add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            boolean mayRepeat = eventsMayRepeat.contains(service.name());
            byTopic.forEach((topic, ids) -> {
                Map<String, Integer> onTopic = new HashMap<>();
                for (ConsumerRecord<String, String> r : allRecords(topic)) {
                    String id = RunningSystem.header(r, "ce_id");
                    if (id != null) {
                        onTopic.merge(id, 1, Integer::sum);
                    }
                }
                Map<String, Integer> wrong = new LinkedHashMap<>();
                int repeated = 0;
                for (String id : ids) {
                    int n = onTopic.getOrDefault(id, 0);
                    if (n == 0 || (n > 1 && !mayRepeat && !eventsRepeatedBefore.contains(id))) {
                        wrong.put(id, n);
                    } else if (n > 1) {
                        eventsRepeatedBefore.add(id);
                        repeated++;
                    }
                }
                assertThat(wrong)
                        .as(
                                "%s events of %s on %s not exactly once%s (id: times)",
                                service, ids.size(), topic, mayRepeat ? " or more" : "")
                        .isEmpty();
                if (repeated > 0) {
                    System.out.printf(
                            "Books: %d of %d %s events on %s repeated by a killed relay%n",
                            repeated, ids.size(), service, topic);
                }
            });
        }

        await().atMost(WAIT)
                .until(() -> queryInt(
                                Service.NOTIFICATION,
                                // SKIPPED: a reserved .invalid address (the opt-out self-test's), never sent
                                "select count(*) from outgoing_mail where status not in ('SENT', 'SKIPPED')")
                        == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.openSessions() == 0);
        // rows marked SENT before the mailboxes are read (a mail is marked after the SMTP server accepted it)
        Set<String> rows = new HashSet<>(
                queryStrings(Service.NOTIFICATION, "select id::text from outgoing_mail where status = 'SENT'"));
        Map<String, Integer> delivered = messageIdCounts();
        Map<String, Integer> wrong = new LinkedHashMap<>();
        for (String id : rows) {
            int n = delivered.getOrDefault(id, 0);
            if (n != 1 && !(n == 2 && mailsMayRepeat.contains(id))) {
                wrong.put(id, n);
            }
        }
        assertThat(wrong).as("mails not delivered exactly once (id: times)").isEmpty();
        // and every mail received, also one sent meanwhile, has its row
        Set<String> allRows = new HashSet<>(queryStrings(Service.NOTIFICATION, "select id::text from outgoing_mail"));
        assertThat(delivered.keySet()).as("every mail received has its row").isSubsetOf(allRows);
    }

    /** Each mail of the request, by template, as many times as given: rows, all SENT, each delivered once. */
    void assertMailsOfRequest(String requestId, Map<String, Integer> expected) {
        await().atMost(WAIT)
                .until(() -> queryInt(
                                Service.NOTIFICATION,
                                "select count(*) from outgoing_mail where request_id = ?::uuid and status = 'SENT'",
                                requestId)
                        == expected.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum());
        Map<String, Integer> delivered = messageIdCounts();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<String> ids = queryStrings(
                    Service.NOTIFICATION,
                    "select id::text from outgoing_mail where request_id = ?::uuid and template = ?",
                    requestId,
                    e.getKey());
            assertThat(ids).as("%s of %s", e.getKey(), requestId).hasSize(e.getValue());
            for (String id : ids) {
                assertThat(delivered.getOrDefault(id, 0))
                        .as("deliveries of %s %s", e.getKey(), id)
                        .isEqualTo(mailsMayRepeat.contains(id) ? 2 : 1);
            }
        }
    }

    /**
     * The ledger holds every consent the load was told was accepted, once, and each is published once ({@code
     * consent.granted.v1} per receipt; at least once if consent-service's events may repeat). A row the load was not
     * told about must be a visitor whose call's outcome stayed open ({@link ConsentLoad#unsure()}: no answer, or a
     * 503 while the database went away in the middle of the commit); every other call that was refused left nothing.
     */
    void assertConsentsRecordedAndPublished(ConsentLoad load) {
        Set<String> accepted = load.receipts();
        assertThat(accepted).hasSize(load.accepted());
        Map<String, String> visitorById = new HashMap<>();
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(Service.CONSENT);
                PreparedStatement statement = c.prepareStatement("select id::text, visitor_id from consent_entry"
                        + " where kind = 'GRANTED' and visitor_id like ?")) {
            statement.setString(1, load.prefix + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    visitorById.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Set<String> inLedger = new HashSet<>(ids);
        assertThat(inLedger).as("ledger rows without duplicates").hasSize(ids.size());
        assertThat(inLedger).as("the ledger holds every accepted consent").containsAll(accepted);
        Set<String> unsure = load.unsure();
        Map<String, String> beyond = new HashMap<>(visitorById);
        beyond.keySet().removeAll(accepted);
        assertThat(beyond.values())
                .as("ledger rows of calls that were not answered 201: only calls whose outcome stayed open")
                .allMatch(unsure::contains);
        if (!beyond.isEmpty()) {
            System.out.printf(
                    "Books: %d consents recorded whose call got no answer or a 503 (of %d such calls)%n",
                    beyond.size(), unsure.size());
        }
        Map<String, Integer> published = new HashMap<>();
        Pattern receipt = Pattern.compile("\"receiptId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        await().atMost(WAIT).untilAsserted(() -> {
            published.clear();
            for (ConsumerRecord<String, String> r : allRecords("consent-events")) {
                if ("consent.granted.v1".equals(RunningSystem.header(r, "ce_type"))) {
                    Matcher m = receipt.matcher(r.value());
                    if (m.find() && inLedger.contains(m.group(1))) {
                        published.merge(m.group(1), 1, Integer::sum);
                    }
                }
            }
            assertThat(published.keySet()).isEqualTo(inLedger);
        });
        if (!eventsMayRepeat.contains(Service.CONSENT.name())) {
            assertThat(published.values()).as("consent.granted.v1 per receipt").containsOnly(1);
        }
    }

    // ------------------------------------------------------------------ reading

    Connection connect(Service service) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(service), stack.dbUser(), stack.dbPassword());
    }

    boolean postgresUp() {
        try (Connection c = connect(Service.CONSENT)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    List<String> queryStrings(Service service, String sql, Object... args) {
        try (Connection c = connect(service);
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int queryInt(Service service, String sql, Object... args) {
        List<String> values = queryStrings(service, sql, args);
        assertThat(values).as(sql).hasSize(1);
        return Integer.parseInt(values.get(0));
    }

    /** Every record of a topic, read from the beginning up to its end offsets. */
    List<ConsumerRecord<String, String>> allRecords(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** How often each mail (by the id in its Message-ID, {@code <id@domain>}) reached the SMTP server. */
    Map<String, Integer> messageIdCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : mail.messages()) {
            try {
                String id = m.getMessageID();
                if (id != null) {
                    counts.merge(id.replaceAll("^<|@.*$", ""), 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }
}
