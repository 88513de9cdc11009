package io.chatprivacy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aFreePortIsBelowTheEphemeralRangeBindableAndNeverHandedOutTwice() throws IOException {
        int ephemeralLow = Ports.ephemeralLow();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(Ports.LOWEST, ephemeralLow - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortInUseIsNotHandedOut() throws IOException {
        // every port of a small window taken but one: whatever free() returns is not a taken one
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            for (int i = 0; i < 200; i++) {
                assertThat(Ports.free()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
