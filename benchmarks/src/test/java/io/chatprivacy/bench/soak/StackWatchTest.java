package io.chatprivacy.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackWatchTest {

    /** The shape the stack's launcher writes to {@code <data-dir>/run/processes.json}. */
    private static final String PROCESSES = """
            [ {"name": "launcher", "pid": 100, "started": "2026-12-03T09:00:00.120Z", "command": "/usr/bin/java", "port": 0},
              {"name": "PostgreSQL watchdog", "pid": 101, "started": "2026-12-03T09:00:01Z", "command": "/bin/sh", "port": 0},
              {"name": "PostgreSQL", "pid": 102, "started": "2026-12-03T09:00:01Z", "command": "/tmp/pg/bin/postgres", "port": 45432},
              {"name": "consent-service watchdog", "pid": 103, "started": "2026-12-03T09:00:05Z", "command": "/bin/sh", "port": 0},
              {"name": "consent-service", "pid": 104, "started": "2026-12-03T09:00:05Z", "command": "/usr/bin/java", "port": 48081},
              {"name": "keycloak", "pid": 105, "started": "2026-12-03T09:00:09Z", "command": "/usr/bin/java", "port": 48180},
              {"name": "request-service", "pid": 106, "started": "2026-12-03T09:00:05Z", "command": "/usr/bin/java", "port": 48082} ]
            """;

    @Test
    void watchesEveryRecordedProcessButTheWatchdogsWithPostgresAsATree() throws Exception {
        List<StackWatch.Watched> watched = StackWatch.parse(new ObjectMapper().readTree(PROCESSES), entry -> true);
        assertThat(watched)
                .containsExactly(
                        new StackWatch.Watched("launcher", 100, false),
                        new StackWatch.Watched("PostgreSQL", 102, true),
                        new StackWatch.Watched("consent-service", 104, false),
                        new StackWatch.Watched("keycloak", 105, false),
                        new StackWatch.Watched("request-service", 106, false));
    }

    @Test
    void leavesOutWhatNoLongerRuns() throws Exception {
        List<StackWatch.Watched> watched = StackWatch.parse(
                new ObjectMapper().readTree(PROCESSES),
                entry -> entry.path("pid").asLong() != 105);
        assertThat(watched)
                .extracting(StackWatch.Watched::name)
                .doesNotContain("keycloak")
                .hasSize(4);
    }
}
