package io.chatprivacy.deletion;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/** Everything the application logs while it is open (messages and their exceptions), to check what never appears. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = LogContext.getLogContext().getLogger("");
    private final ExtHandler handler = new ExtHandler() {
        @Override
        protected void doPublish(ExtLogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getFormattedMessage()));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }
    };

    public LogCapture() {
        handler.setLevel(java.util.logging.Level.ALL);
        root.addHandler(handler);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
