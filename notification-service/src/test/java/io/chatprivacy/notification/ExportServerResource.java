package io.chatprivacy.notification;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bare JDK HTTP server standing in for deletion-service's HTTP side in {@code @QuarkusTest}s: the app's
 * export client ({@code quarkus.rest-client.deletion-service.url}) points at it; tests register their
 * handlers on the {@link HttpServer} injected into fields annotated {@link InjectExportServer}. (The
 * server is a JDK type, so test and resource see the same object whatever class loaders Quarkus uses.)
 * Only the export client is re-aimed: {@code notification.deletion-service-url}, quoted in mails, stays.
 */
public class ExportServerResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // several threads: a handler that stalls (a timeout test) must not hold up the next request
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "export-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return Map.of(
                "quarkus.rest-client.deletion-service.url",
                "http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void inject(Object testInstance) {
        for (Class<?> c = testInstance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())
                        && annotated(field)
                        && field.getType().isInstance(server)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, server);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** Matched by name: the annotation may come from another class loader than this resource's. */
    private static boolean annotated(Field field) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().getName().equals(InjectExportServer.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
