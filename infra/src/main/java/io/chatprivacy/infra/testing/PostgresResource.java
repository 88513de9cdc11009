package io.chatprivacy.infra.testing;

import io.chatprivacy.infra.Infra;
import io.chatprivacy.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A PostgreSQL database for {@code @QuarkusTest}s on the JVM-wide {@link Infra#postgres()} server (started once per test
 * JVM, never stopped by {@link #stop()}).
 *
 * <p>Init arg {@code database} (default {@code app}) names the database, created if missing. Config: {@code
 * quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username}, {@code quarkus.datasource.password}.
 *
 * <p>Injects {@link PostgresServer} fields annotated {@link InjectPostgres}.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
 * }</pre>
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    /** Init arg naming the database. */
    public static final String DATABASE = "database";

    private String database = "app";
    private PostgresServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get(DATABASE);
        if (name != null && !name.isBlank()) {
            database = name.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        server = Infra.postgres();
        server.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void inject(Object testInstance) {
        PostgresServer postgres = server != null ? server : Infra.postgres();
        Injection.inject(
                testInstance,
                InjectPostgres.class.getName(),
                PostgresServer.class.getName(),
                type -> Injection.facade(type, postgres));
    }

    /** Does nothing: the server is shared by all tests in this JVM. */
    @Override
    public void stop() {}
}
