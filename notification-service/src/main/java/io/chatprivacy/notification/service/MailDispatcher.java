package io.chatprivacy.notification.service;

import io.chatprivacy.notification.config.NotificationConfig;
import io.chatprivacy.notification.mail.MailRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Sends queued mail from one background thread of its own, one {@link DeliveryService#deliverNext()} at a
 * time: woken right after a mail is queued ({@link MailService} asks for that after its commit), and otherwise
 * looking for due mail (first attempts and retries) every poll interval.
 *
 * <p>Its own thread because waiting for the relay must not block an event loop nor a messaging
 * consumer's thread (where a blocking send hangs, see TOOLCHAIN.md; {@link MailRelay} does the sending
 * on an event loop and this thread only waits); one thread per replica because SMTP, not the CPU, is
 * the bottleneck. Several replicas share the work through row locks.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);

    private final DeliveryService delivery;
    private final NotificationConfig.Dispatch config;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean wakeRequested;

    private volatile boolean running;
    private volatile Thread worker;

    MailDispatcher(DeliveryService delivery, NotificationConfig config) {
        this.delivery = delivery;
        this.config = config.dispatch();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts dispatching (idempotent). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::loop, "mail-dispatcher");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Stops dispatching; a mail being sent finishes its transaction or stays PENDING. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    /** Asks the dispatcher to look for due mail now rather than at its next poll. */
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
        long pause = config.pollInterval().toMillis();
        while (running) {
            try {
                boolean more = dispatchRound();
                pause = config.pollInterval().toMillis();
                if (!more) {
                    awaitWork(pause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database, not SMTP (SMTP failures are outcomes): back off and try again
                pause = Math.min(pause * 2, config.maxBackoff().toMillis());
                LOG.warnf("Mail dispatcher could not run a round; retrying in %d ms: %s", pause, e.toString());
                try {
                    awaitWork(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Sends due mails until none is left, the batch is full or an attempt fails (the relay is probably
     * down: the other mails wait for their next turn rather than hammer it).
     *
     * @return whether more mail may be due right away
     */
    private boolean dispatchRound() {
        for (int i = 0; i < config.batchSize() && running; i++) {
            DeliveryService.Outcome outcome = delivery.deliverNext();
            // a failed relay attempt ends the round; a deferred export fetch does not (the relay is fine)
            if (outcome == DeliveryService.Outcome.NONE || outcome == DeliveryService.Outcome.RETRY) {
                return false;
            }
        }
        return running;
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
}
