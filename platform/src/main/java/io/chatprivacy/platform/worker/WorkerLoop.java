package io.chatprivacy.platform.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * One background thread that runs rounds of work: right away while a round says more is waiting, after a
 * {@link #wakeUp()} (a commit that wrote new work asks for one), otherwise every poll interval; after a
 * failed round it backs off, doubling from the first back-off up to the longest, and tries again. Nothing is
 * dropped by a failure: the round's own transaction decides what is done.
 *
 * <p>The outbox relay and notification-service's mail dispatcher are such loops; they differ only in their
 * round and in how they stop ({@link #stopAbruptly} as a dying process would, {@link #stopGracefully} letting
 * the round finish).
 */
public final class WorkerLoop {

    private static final Logger LOG = Logger.getLogger(WorkerLoop.class);

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /**
         * Does some work.
         *
         * @return whether more work may be waiting right away (the next round starts without a pause)
         */
        boolean run() throws InterruptedException;
    }

    /**
     * How the loop paces itself.
     *
     * @param pollInterval the pause between rounds when there is nothing to do and nobody wakes the loop
     * @param firstBackoff the pause after the first failed round in a row
     * @param maxBackoff the longest pause after failed rounds in a row
     */
    public record Pacing(Duration pollInterval, Duration firstBackoff, Duration maxBackoff) {
        public Pacing {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
        }

        long backoffAfter(long previousMs) {
            long max = maxBackoff.toMillis();
            return previousMs == 0 ? Math.min(firstBackoff.toMillis(), max) : Math.min(previousMs * 2, max);
        }
    }

    private final String name;
    private final Round round;
    private final Pacing pacing;
    private final Runnable onFailure;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean wakeRequested;

    private volatile boolean running;
    private volatile Thread worker;

    /**
     * @param name the thread's name, also used in the log line of a failed round
     * @param onFailure called after each failed round (a counter, say); must not throw
     */
    public WorkerLoop(String name, Round round, Pacing pacing, Runnable onFailure) {
        this.name = Objects.requireNonNull(name, "name");
        this.round = Objects.requireNonNull(round, "round");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Starts the thread (idempotent). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /**
     * Stops as abruptly as a process would die: the thread is interrupted mid-round, so the round's transaction
     * rolls back (or its work is simply done again after {@link #start()}). Waits at most {@code join} for it.
     */
    public synchronized void stopAbruptly(Duration join) {
        stop(join, true);
    }

    /** Stops after the running round has finished, waiting at most {@code join} for it. */
    public synchronized void stopGracefully(Duration join) {
        stop(join, false);
    }

    private void stop(Duration join, boolean interrupt) {
        if (!running) {
            return;
        }
        running = false;
        Thread thread = worker;
        if (thread != null) {
            if (interrupt) {
                thread.interrupt();
            } else {
                wakeUp();
            }
            try {
                thread.join(join.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    /** Whether the loop is running (between {@link #start()} and a stop). */
    public boolean isRunning() {
        return running;
    }

    /** Asks for a round now rather than at the next poll. */
    public void wakeUp() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long backoffMs = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                boolean more = round.run();
                backoffMs = 0;
                if (!more) {
                    awaitWork(pacing.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                onFailure.run();
                backoffMs = pacing.backoffAfter(backoffMs);
                LOG.warnf("%s could not run a round; retrying in %d ms: %s", name, backoffMs, rootMessage(e));
                try {
                    awaitWork(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitWork(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            if (!wakeRequested) {
                wake.await(timeoutMs, TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The innermost cause's class and message: enough to tell "connection refused" from a deadlock, and
     * never the round's data (exceptions from drivers name servers, not rows).
     */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
