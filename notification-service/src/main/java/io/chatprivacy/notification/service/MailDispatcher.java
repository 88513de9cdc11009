package io.chatprivacy.notification.service;

import io.chatprivacy.notification.config.NotificationConfig;
import io.chatprivacy.notification.mail.MailRelay;
import io.chatprivacy.platform.worker.WorkerLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

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

    private final DeliveryService delivery;
    private final NotificationConfig.Dispatch config;

    private final WorkerLoop loop;

    MailDispatcher(DeliveryService delivery, NotificationConfig config) {
        this.delivery = delivery;
        this.config = config.dispatch();
        // a failed round is the database, not SMTP (SMTP failures are outcomes): back off from twice the poll
        this.loop = new WorkerLoop(
                "mail-dispatcher",
                this::dispatchRound,
                new WorkerLoop.Pacing(
                        this.config.pollInterval(),
                        this.config.pollInterval().multipliedBy(2),
                        this.config.maxBackoff()),
                () -> {});
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
    public void start() {
        loop.start();
    }

    /** Stops dispatching; a mail being sent finishes its transaction or stays PENDING. */
    public void stop() {
        loop.stopGracefully(Duration.ofSeconds(30));
    }

    /** Asks the dispatcher to look for due mail now rather than at its next poll. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /**
     * Sends due mails until none is left, the batch is full or an attempt fails (the relay is probably
     * down: the other mails wait for their next turn rather than hammer it).
     *
     * @return whether more mail may be due right away
     */
    private boolean dispatchRound() {
        for (int i = 0; i < config.batchSize() && loop.isRunning(); i++) {
            DeliveryService.Outcome outcome = delivery.deliverNext();
            // a failed relay attempt ends the round; a deferred export fetch does not (the relay is fine)
            if (outcome == DeliveryService.Outcome.NONE || outcome == DeliveryService.Outcome.RETRY) {
                return false;
            }
        }
        return loop.isRunning();
    }
}
