package io.chatprivacy.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.ExtLogRecord.FormatStyle;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    private static final String LOGGER = "io.chatprivacy.sample";

    private final Logger logger = LogContext.getLogContext().getLogger(LOGGER);

    @Test
    void capturesFormattedMessagesAndWholeExceptionChainsWhileOpen() {
        logger.info("before");
        try (LogCapture logs = LogCapture.start()) {
            log("code %s sent", FormatStyle.PRINTF, null, "12345678");
            log("code {0} sent", FormatStyle.MESSAGE_FORMAT, null, "87654321");
            log("failed", FormatStyle.NO_FORMAT, new IllegalStateException("outer", new IOException("inner secret")));

            // other threads of this JVM (a test broker, say) may log meanwhile
            List<String> mine = ours(logs);
            assertThat(mine).hasSize(3);
            assertThat(mine.get(0)).contains("INFO", "code 12345678 sent");
            assertThat(mine.get(1)).contains("code 87654321 sent");
            assertThat(mine.get(2)).contains("failed", "IllegalStateException: outer", "inner secret");
        }
        logger.info("after");
    }

    @Test
    void stopsCapturingWhenClosed() {
        LogCapture logs = LogCapture.start();
        logs.close();
        logger.info("after");
        assertThat(ours(logs)).isEmpty();
    }

    private static List<String> ours(LogCapture logs) {
        return logs.lines().stream().filter(l -> l.contains(LOGGER)).toList();
    }

    private void log(String message, FormatStyle style, Throwable thrown, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, style, LogCaptureTest.class.getName());
        record.setParameters(parameters);
        record.setThrown(thrown);
        logger.log(record);
    }
}
