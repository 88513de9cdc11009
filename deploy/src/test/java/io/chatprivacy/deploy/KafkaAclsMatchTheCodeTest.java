package io.chatprivacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KafkaUsers' ACLs against the code they must let through: the topics a service consumes and the dead-letter
 * topics it writes (its application.properties), the topics its outbox publishes (contracts/README.md's producer
 * column) and its consumer group (its application name, Quarkus' default group.id). A channel added in the code
 * without its ACL, or an ACL left behind, fails here rather than in a cluster.
 */
class KafkaAclsMatchTheCodeTest {

    private static final Path ROOT = ManifestCheck.MODULE.getParent();
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
    /**
     * Topics a service reads outside any channel, with a plain consumer that has no group (partitions assigned,
     * nothing committed): consent-service's opt-out self-test reads its own consent-events back
     * ({@code ConsentTopicWatch}) to prove its opt-outs were published.
     */
    private static final Map<String, Set<String>> READS_WITHOUT_CHANNEL =
            Map.of("consent-service", Set.of("consent-events"));

    private static final Pattern CONTRACT_ROW = Pattern.compile("^\\| `([a-z.-]+)`[^|]*\\|[^|]*\\| ([a-z-]+) \\|");

    @ParameterizedTest
    @ValueSource(strings = {"consent-service", "request-service", "deletion-service", "notification-service"})
    void theAclsGrantExactlyWhatTheServiceDoes(String service) throws IOException {
        Properties config = new Properties();
        try (Reader reader =
                Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            config.load(reader);
        }
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            Matcher incoming = INCOMING.matcher(key);
            if (incoming.matches()) {
                String channel = incoming.group(1);
                String prefix = "mp.messaging.incoming." + channel + ".";
                reads.add(config.getProperty(prefix + "topic", channel));
                String dlq = config.getProperty(prefix + "dead-letter-queue.topic");
                assertThat(dlq)
                        .as("%s: channel %s has a dead-letter topic", service, channel)
                        .isNotNull();
                writes.add(dlq);
                assertThat(config.getProperty(prefix + "group.id"))
                        .as("group.id of " + channel)
                        .isNull();
            }
        }
        for (String line : Files.readAllLines(ROOT.resolve("contracts/README.md"))) {
            Matcher row = CONTRACT_ROW.matcher(line);
            if (row.find() && row.group(2).equals(service)) {
                writes.add(row.group(1));
            }
        }
        String group = config.getProperty("quarkus.application.name");

        Map<String, Set<String>> granted = grantedTo(service);

        reads.addAll(READS_WITHOUT_CHANNEL.getOrDefault(service, Set.of()));
        Map<String, Set<String>> expected = new TreeMap<>();
        reads.forEach(t ->
                expected.computeIfAbsent("topic " + t, k -> new TreeSet<>()).addAll(Set.of("Read", "Describe")));
        writes.forEach(t ->
                expected.computeIfAbsent("topic " + t, k -> new TreeSet<>()).addAll(Set.of("Write", "Describe")));
        expected.put("group " + group, Set.of("Read", "Describe"));
        assertThat(reads).as("%s consumes something", service).isNotEmpty();
        assertThat(granted).isEqualTo(expected);
    }

    private static Map<String, Set<String>> grantedTo(String service) {
        Resource user = ManifestCheck.render(ManifestCheck.K8S.resolve("base")).stream()
                .filter(r -> r.kind().equals("KafkaUser") && r.name().equals(service))
                .findFirst()
                .orElseThrow();
        Map<String, Set<String>> granted = new TreeMap<>();
        for (JsonNode acl : user.body().at("/spec/authorization/acls")) {
            assertThat(acl.at("/resource/patternType").asText()).isEqualTo("literal");
            assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
            Set<String> operations = new TreeSet<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            Set<String> previous = granted.put(
                    acl.at("/resource/type").asText() + " "
                            + acl.at("/resource/name").asText(),
                    operations);
            assertThat(previous).as("one ACL per resource").isNull();
        }
        return granted;
    }
}
