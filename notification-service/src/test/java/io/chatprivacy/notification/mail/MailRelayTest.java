package io.chatprivacy.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.ext.mail.SMTPException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failed attempts are worth another connection at once, and which wait for the back-off. */
class MailRelayTest {

    @Test
    void aConnectionThatWentAwayUnderTheAttemptIsWorthAnotherAtOnce() {
        assertThat(MailRelay.connectionDropped(new IOException("socket was closed unexpected.")))
                .isTrue();
        assertThat(MailRelay.connectionDropped(new SocketException("Connection reset")))
                .isTrue();
        assertThat(MailRelay.connectionDropped(new ClosedChannelException())).isTrue();
        assertThat(MailRelay.connectionDropped(new NoStackTraceThrowable("Connection was closed.")))
                .isTrue();
        assertThat(MailRelay.connectionDropped(smtp(421, "421 4.4.2 closing connection")))
                .isTrue();
        // as the blocking wait hands them over
        assertThat(MailRelay.connectionDropped(new CompletionException(new IOException("Broken pipe"))))
                .isTrue();
        assertThat(MailRelay.connectionDropped(new CompletionException(smtp(421, "421 bye"))))
                .isTrue();
    }

    @Test
    void anUnreachableSlowOrRefusingRelayWaitsForTheBackOff() {
        assertThat(MailRelay.connectionDropped(new ConnectException("Connection refused")))
                .isFalse();
        assertThat(MailRelay.connectionDropped(new CompletionException(new ConnectException("refused"))))
                .isFalse();
        assertThat(MailRelay.connectionDropped(new UnknownHostException("smtp.invalid")))
                .isFalse();
        assertThat(MailRelay.connectionDropped(new SSLHandshakeException("no cipher")))
                .isFalse();
        assertThat(MailRelay.connectionDropped(new io.smallrye.mutiny.TimeoutException()))
                .isFalse();
        assertThat(MailRelay.connectionDropped(smtp(451, "451 4.3.0 try again later")))
                .isFalse();
        assertThat(MailRelay.connectionDropped(smtp(550, "550 5.1.1 no such user")))
                .isFalse();
        // a reply the client could not read counts as 500
        assertThat(MailRelay.connectionDropped(smtp(500, "eenMail SMTP Service ready")))
                .isFalse();
        assertThat(MailRelay.connectionDropped(new IllegalStateException("bug")))
                .isFalse();
    }

    private static SMTPException smtp(int code, String reply) {
        return new SMTPException("sending failed", code, List.of(reply), false);
    }
}
