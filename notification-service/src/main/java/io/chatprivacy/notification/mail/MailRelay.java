package io.chatprivacy.notification.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands one mail to the SMTP relay and waits, at most {@code quarkus.mailer.timeout}, until the relay has taken it.
 *
 * <p>Called from the dispatcher's own thread, it starts Quarkus' mailer on a Vert.x event loop, never on the calling
 * thread. Started from a thread outside Vert.x, the Vert.x mail client opens a new connection on one event loop and
 * begins to read it from another; a relay that greets at once can then have its greeting dropped (Vert.x discards bytes
 * that reach a socket before anyone reads it), and the client waits for a greeting that has come and gone until the
 * relay's idle timeout or ours ends the attempt. That was the 30 s stall after an idle gap: the pooled connection had
 * been closed by the relay, so a new one was needed. Started on the event loop, the connection is opened and read on
 * that same loop, and its first bytes cannot overtake the reader.
 */
@ApplicationScoped
public class MailRelay {

    private final ReactiveMailer mailer;
    private final Vertx vertx;
    private final Duration timeout;
    private volatile Context eventLoop;

    MailRelay(ReactiveMailer mailer, Vertx vertx, @ConfigProperty(name = "quarkus.mailer.timeout") Duration timeout) {
        this.mailer = mailer;
        this.vertx = vertx;
        this.timeout = timeout;
    }

    /**
     * Sends the mail and returns once the relay has accepted it. Call it from a thread of your own, never from a
     * Vert.x thread (it blocks).
     *
     * @throws RuntimeException whatever went wrong, including {@link io.smallrye.mutiny.TimeoutException}
     */
    public void send(Mail message) {
        Context context = eventLoop();
        var sent = mailer.send(message)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .await();
        if (timeout.isZero()) {
            sent.indefinitely();
        } else {
            sent.atMost(timeout);
        }
    }

    /**
     * Whether an attempt failed because its connection went away under it: closed or reset by the relay, or a {@code
     * 421} (the relay closing the channel). Another connection may well work at once. Not so for a relay that cannot be
     * reached, does not answer in time, fails TLS, or answers another error: those wait for the back-off.
     */
    public static boolean connectionDropped(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.getReplyCode() == 421;
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SSLException) {
                return false;
            }
            if (t instanceof IOException) {
                // reset, broken pipe, closed channel, or the client's "socket was closed unexpected"
                return true;
            }
            if ("Connection was closed.".equals(t.getMessage())) {
                // the Vert.x mail client writing to a connection it has seen close
                return true;
            }
        }
        return false;
    }

    private Context eventLoop() {
        if (Context.isOnVertxThread()) {
            throw new IllegalStateException("the mail relay blocks: call it from a thread of your own");
        }
        Context context = eventLoop;
        if (context == null) {
            synchronized (this) {
                if (eventLoop == null) {
                    // asked from a thread outside Vert.x, this makes a new event-loop context
                    eventLoop = vertx.getOrCreateContext();
                }
                context = eventLoop;
            }
        }
        return context;
    }
}
