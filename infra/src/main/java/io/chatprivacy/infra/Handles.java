package io.chatprivacy.infra;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls into a server handle: a map of JDK functional objects, usable from any class loader.
 *
 * <p>Quarkus tests may load this module more than once in the same JVM (one class loader per application start); the
 * servers are nevertheless shared, because {@link Infra} keeps their handles in a JVM-wide registry.
 */
final class Handles {
    private Handles() {}

    @SuppressWarnings("unchecked")
    static <T> T get(Map<String, Object> handle, String name) {
        return ((Supplier<T>) require(handle, name)).get();
    }

    @SuppressWarnings("unchecked")
    static <A, T> T apply(Map<String, Object> handle, String name, A argument) {
        return ((Function<A, T>) require(handle, name)).apply(argument);
    }

    @SuppressWarnings("unchecked")
    static <A> void accept(Map<String, Object> handle, String name, A argument) {
        ((java.util.function.Consumer<A>) require(handle, name)).accept(argument);
    }

    static void run(Map<String, Object> handle, String name) {
        ((Runnable) require(handle, name)).run();
    }

    private static Object require(Map<String, Object> handle, String name) {
        Object operation = handle.get(name);
        if (operation == null) {
            throw new IllegalStateException("Server handle has no operation '" + name + "'");
        }
        return operation;
    }
}
