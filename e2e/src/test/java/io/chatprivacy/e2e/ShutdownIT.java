package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatprivacy.stack.Service;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stopping the system (what Ctrl-C does) leaves no process and no listening port behind. */
@Order(99)
class ShutdownIT {

    @Test
    void stoppingLeavesNothingBehind() {
        RunningSystem system = RunningSystem.get();
        List<ProcessHandle> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (Service service : Service.values()) {
            ProcessHandle handle = system.stack().service(service).process().toHandle();
            processes.add(handle);
            handle.descendants().forEach(processes::add);
            ports.add(system.stack().servicePort(service));
        }
        system.stack().postgres().ifPresent(pg -> ports.add(pg.port()));
        system.stack().kafka().ifPresent(kafka -> ports.add(kafka.port()));
        ProcessHandle.current().descendants().forEach(processes::add);
        assertThat(processes).allMatch(ProcessHandle::isAlive);

        RunningSystem.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(processes).noneMatch(ProcessHandle::isAlive);
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                    .isEmpty();
            assertThat(ports).noneMatch(ShutdownIT::listening);
        });
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
