package io.chatprivacy.infra.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * Every line the application logs while it is open, to prove what never appears in logs: one entry a
 * record, with its level, logger, message (its parameters filled in, whatever the format style) and the
 * full stack trace of its exception, causes and suppressed ones included.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     ...
 *     assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger root = LogContext.getLogContext().getLogger("");
    private final ExtHandler handler = new ExtHandler() {
        @Override
        protected void doPublish(ExtLogRecord record) {
            add(line(record));
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
    }

    /** Starts capturing at the root logger, until {@link #close()}. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture.handler);
        return capture;
    }

    /** What was logged so far, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    private static String line(ExtLogRecord record) {
        StringWriter line = new StringWriter();
        line.append(String.valueOf(record.getLevel()))
                .append(' ')
                .append(record.getLoggerName())
                .append(": ")
                .append(record.getFormattedMessage());
        if (record.getThrown() != null) {
            line.append(System.lineSeparator());
            record.getThrown().printStackTrace(new PrintWriter(line));
        }
        return line.toString();
    }
}
