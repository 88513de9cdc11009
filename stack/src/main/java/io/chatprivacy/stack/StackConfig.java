package io.chatprivacy.stack;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Stack#start(StackConfig)} runs. Build one with {@link #builder(Path)} (tests) or {@link
 * #fromEnvironment(Map, String...)} (the command line).
 *
 * <p>Ports: 0 means "pick a free port". The embedded servers are skipped when the matching {@code external*} setting is
 * given.
 *
 * @param home the repository root; service jars are {@code <home>/<service>/target/quarkus-app/quarkus-run.jar}
 * @param dataDir persistent data: {@code kafka/}, {@code postgres/}, {@code logs/}, {@code jwt/}, demo files
 * @param services services to start, in {@link Service} order; empty = infrastructure only
 * @param kafkaPort embedded Kafka's client port (9092)
 * @param postgresPort embedded PostgreSQL's port (15432)
 * @param smtpPort embedded SMTP port (2525)
 * @param mailHttpPort embedded mail read API port (8025); negative = no read API
 * @param demoSitePort port of the demo host page that embeds the consent widget (3000); negative = none
 * @param firstServicePort port of the first service; the others follow (8081..8084); 0 = free ports
 * @param externalKafka bootstrap servers of a Kafka to use instead of the embedded one, or null
 * @param externalPostgres a PostgreSQL server to use instead of the embedded one, or null
 * @param externalSmtp an SMTP server to use instead of the embedded one, or null
 * @param jwtIssuer the {@code iss} of signed tokens, handed to services as {@code JWT_ISSUER}
 * @param dbUrlOverrides a service's {@code DB_URL} instead of the one on the stack's PostgreSQL
 * @param readyTimeout how long one service may take to become ready
 * @param demoAccount whether to register the demo account and write the demo credentials
 * @param serviceJavaOptions JVM options for each service process
 * @param serviceEnvironment extra environment variables for every service process
 * @param stopStale whether to stop what an earlier launcher on the same data folder left running (true) or to refuse
 *     to start while it runs (false)
 * @param oidc whether to start the OpenID Connect provider (Keycloak, if the build unpacked it) and have the services
 *     accept its tokens
 * @param oidcPort its HTTP port (8180)
 * @param consolePort the agents' and owners' console (8090; it needs the OpenID Connect provider); negative = none
 * @param replicas how many instances of each service run ({@value #MIN_REPLICAS}..{@value #MAX_REPLICAS}, default 1),
 *     sharing the service's database and Kafka consumer group; with a fixed first service port, replica {@code i}
 *     of a service listens {@code i * }{@value #REPLICA_PORT_STEP} above replica 0 (see {@link #servicePort})
 */
public record StackConfig(
        Path home,
        Path dataDir,
        Set<Service> services,
        int kafkaPort,
        int postgresPort,
        int smtpPort,
        int mailHttpPort,
        int demoSitePort,
        int firstServicePort,
        String externalKafka,
        ExternalPostgres externalPostgres,
        ExternalSmtp externalSmtp,
        String jwtIssuer,
        Map<Service, String> dbUrlOverrides,
        Duration readyTimeout,
        boolean demoAccount,
        List<String> serviceJavaOptions,
        Map<String, String> serviceEnvironment,
        boolean stopStale,
        boolean oidc,
        int oidcPort,
        int consolePort,
        int replicas) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_SMTP_PORT = 2525;
    public static final int DEFAULT_MAIL_HTTP_PORT = 8025;
    public static final int DEFAULT_DEMO_SITE_PORT = 3000;
    public static final int DEFAULT_FIRST_SERVICE_PORT = 8081;
    public static final int DEFAULT_OIDC_PORT = 8180;
    public static final int DEFAULT_CONSOLE_PORT = 8090;
    public static final String DEFAULT_JWT_ISSUER = "chat-privacy";
    public static final List<String> DEFAULT_SERVICE_JAVA_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");
    public static final int MIN_REPLICAS = 1;
    public static final int MAX_REPLICAS = 4;
    /**
     * With a fixed first service port, replica {@code i}'s ports are replica 0's plus {@code i * 100}: 8081..8084,
     * 8181..8184, 8281..8284, 8381..8384 (management 9081.., 9181.., 9281.., 9381..). A step of 100 keeps them clear
     * of one another and of the management ports (+{@value Stack#MANAGEMENT_PORT_OFFSET}); the default console (8090),
     * Keycloak (8180), Kafka (9092), mail API (8025) and demo page (3000) ports fall in none of these.
     */
    public static final int REPLICA_PORT_STEP = 100;

    /** A PostgreSQL server of the user's. */
    public record ExternalPostgres(String host, int port, String user, String password) {
        public ExternalPostgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** An SMTP server of the user's. */
    public record ExternalSmtp(String host, int port) {
        public ExternalSmtp {
            Objects.requireNonNull(host, "host");
        }
    }

    public StackConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        home = home.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        services = services.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Service.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(services));
        dbUrlOverrides =
                dbUrlOverrides.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(dbUrlOverrides));
        serviceJavaOptions = List.copyOf(serviceJavaOptions);
        serviceEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(serviceEnvironment));
        Objects.requireNonNull(jwtIssuer, "jwtIssuer");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (replicas < MIN_REPLICAS || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException(
                    "replicas must be " + MIN_REPLICAS + ".." + MAX_REPLICAS + ", not " + replicas);
        }
        // a compact constructor's fields are assigned after its body: the check gets the parameters
        checkFixedPortsApart(
                services,
                replicas,
                firstServicePort,
                Map.of(
                        "--kafka-port", kafkaPort,
                        "--postgres-port", postgresPort,
                        "--smtp-port", smtpPort,
                        "--mail-http-port", mailHttpPort,
                        "--demo-site-port", demoSitePort,
                        "--oidc-port", oidcPort,
                        "--console-port", consolePort));
    }

    /**
     * The fixed HTTP port of a service's replica {@code replica} (0-based): {@code firstServicePort + ordinal +
     * replica * }{@value #REPLICA_PORT_STEP}; its management port is {@value Stack#MANAGEMENT_PORT_OFFSET} above. Only
     * meaningful with a fixed first service port (not 0).
     */
    public int servicePort(Service service, int replica) {
        return servicePort(firstServicePort, service, replica);
    }

    private static int servicePort(int firstServicePort, Service service, int replica) {
        return firstServicePort + service.ordinal() + replica * REPLICA_PORT_STEP;
    }

    /**
     * With a fixed first service port, no port of a configured replica (HTTP or management) may be another fixed port
     * of the stack: the stack would otherwise fail to start with one of its own ports taken.
     */
    private static void checkFixedPortsApart(
            Set<Service> services, int replicas, int firstServicePort, Map<String, Integer> otherPorts) {
        if (firstServicePort <= 0 || replicas == 1) {
            // one replica: the long-standing layout, checked for busy ports when the stack starts
            return;
        }
        Map<Integer, String> others = new LinkedHashMap<>();
        otherPorts.forEach((option, port) -> others.merge(port, option, (a, b) -> a + " and " + b));
        for (Service s : services) {
            for (int i = 0; i < replicas; i++) {
                int port = servicePort(firstServicePort, s, i);
                if (port + Stack.MANAGEMENT_PORT_OFFSET > 65535) {
                    throw new IllegalArgumentException("Port " + (port + Stack.MANAGEMENT_PORT_OFFSET)
                            + " of " + s + " replica " + i + " management (--first-service-port, --replicas)"
                            + " is beyond 65535");
                }
                for (int p : new int[] {port, port + Stack.MANAGEMENT_PORT_OFFSET}) {
                    String other = p > 0 ? others.get(p) : null;
                    if (other != null) {
                        throw new IllegalArgumentException("Port " + p + " of " + s + " replica " + i
                                + " (--first-service-port, --replicas) is also " + other);
                    }
                }
            }
        }
    }

    /** Whether a service is to be started. */
    public boolean runs(Service service) {
        return services.contains(service);
    }

    /** Defaults: everything embedded on the standard ports, all services, data in {@code <home>/.data}. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** A copy to change. */
    public Builder toBuilder() {
        Builder b = new Builder(home);
        b.dataDir = dataDir;
        b.services = EnumSet.noneOf(Service.class);
        b.services.addAll(services);
        b.kafkaPort = kafkaPort;
        b.postgresPort = postgresPort;
        b.smtpPort = smtpPort;
        b.mailHttpPort = mailHttpPort;
        b.demoSitePort = demoSitePort;
        b.firstServicePort = firstServicePort;
        b.externalKafka = externalKafka;
        b.externalPostgres = externalPostgres;
        b.externalSmtp = externalSmtp;
        b.jwtIssuer = jwtIssuer;
        b.dbUrlOverrides = new EnumMap<>(Service.class);
        b.dbUrlOverrides.putAll(dbUrlOverrides);
        b.readyTimeout = readyTimeout;
        b.demoAccount = demoAccount;
        b.serviceJavaOptions = new ArrayList<>(serviceJavaOptions);
        b.serviceEnvironment = new LinkedHashMap<>(serviceEnvironment);
        b.stopStale = stopStale;
        b.oidc = oidc;
        b.oidcPort = oidcPort;
        b.consolePort = consolePort;
        b.replicas = replicas;
        return b;
    }

    /** Mutable builder. */
    public static final class Builder {
        private Path home;
        private Path dataDir;
        private EnumSet<Service> services = EnumSet.allOf(Service.class);
        private int kafkaPort = DEFAULT_KAFKA_PORT;
        private int postgresPort = DEFAULT_POSTGRES_PORT;
        private int smtpPort = DEFAULT_SMTP_PORT;
        private int mailHttpPort = DEFAULT_MAIL_HTTP_PORT;
        private int demoSitePort = DEFAULT_DEMO_SITE_PORT;
        private int firstServicePort = DEFAULT_FIRST_SERVICE_PORT;
        private String externalKafka;
        private ExternalPostgres externalPostgres;
        private ExternalSmtp externalSmtp;
        private String jwtIssuer = DEFAULT_JWT_ISSUER;
        private EnumMap<Service, String> dbUrlOverrides = new EnumMap<>(Service.class);
        private Duration readyTimeout = Duration.ofSeconds(180);
        private boolean demoAccount = true;
        private List<String> serviceJavaOptions = new ArrayList<>(DEFAULT_SERVICE_JAVA_OPTIONS);
        private Map<String, String> serviceEnvironment = new LinkedHashMap<>();
        private boolean stopStale = true;
        private boolean oidc = true;
        private int oidcPort = DEFAULT_OIDC_PORT;
        private int consolePort = DEFAULT_CONSOLE_PORT;
        private int replicas = MIN_REPLICAS;

        private Builder(Path home) {
            this.home = home;
            this.dataDir = home.resolve(".data");
        }

        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder services(Set<Service> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
            return this;
        }

        /** No services: Kafka, PostgreSQL and SMTP only. */
        public Builder infraOnly() {
            return services(EnumSet.noneOf(Service.class));
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder smtpPort(int port) {
            this.smtpPort = port;
            return this;
        }

        public Builder mailHttpPort(int port) {
            this.mailHttpPort = port;
            return this;
        }

        public Builder demoSitePort(int port) {
            this.demoSitePort = port;
            return this;
        }

        public Builder firstServicePort(int port) {
            this.firstServicePort = port;
            return this;
        }

        /** All ports free ones (0): for tests running next to a developer's stack. */
        public Builder randomPorts() {
            return kafkaPort(0)
                    .postgresPort(0)
                    .smtpPort(0)
                    .mailHttpPort(0)
                    .demoSitePort(0)
                    .firstServicePort(0)
                    .oidcPort(0)
                    .consolePort(0);
        }

        public Builder externalKafka(String bootstrapServers) {
            this.externalKafka = bootstrapServers;
            return this;
        }

        public Builder externalPostgres(ExternalPostgres postgres) {
            this.externalPostgres = postgres;
            return this;
        }

        public Builder externalSmtp(ExternalSmtp smtp) {
            this.externalSmtp = smtp;
            return this;
        }

        public Builder jwtIssuer(String issuer) {
            this.jwtIssuer = issuer;
            return this;
        }

        public Builder dbUrlOverride(Service service, String jdbcUrl) {
            if (jdbcUrl == null) {
                dbUrlOverrides.remove(service);
            } else {
                dbUrlOverrides.put(service, jdbcUrl);
            }
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder demoAccount(boolean demoAccount) {
            this.demoAccount = demoAccount;
            return this;
        }

        public Builder serviceJavaOptions(List<String> options) {
            this.serviceJavaOptions = new ArrayList<>(options);
            return this;
        }

        /** An extra environment variable for every service process (e.g. {@code QUARKUS_LOG_LEVEL}). */
        public Builder serviceEnv(String name, String value) {
            this.serviceEnvironment.put(name, value);
            return this;
        }

        /** Stop a stack an earlier launcher left running on the same data folder (true, the default) or refuse. */
        public Builder stopStale(boolean stopStale) {
            this.stopStale = stopStale;
            return this;
        }

        /** Start the OpenID Connect provider (true, the default, if the build unpacked it) or not. */
        public Builder oidc(boolean oidc) {
            this.oidc = oidc;
            return this;
        }

        public Builder oidcPort(int port) {
            this.oidcPort = port;
            return this;
        }

        /** The console's port (0: a free one; negative: no console). */
        public Builder consolePort(int port) {
            this.consolePort = port;
            return this;
        }

        /**
         * How many instances of each service to run ({@value #MIN_REPLICAS}..{@value #MAX_REPLICAS}, default 1), all
         * on the service's database and in its Kafka consumer groups.
         */
        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public StackConfig build() {
            return new StackConfig(
                    home,
                    dataDir,
                    services,
                    kafkaPort,
                    postgresPort,
                    smtpPort,
                    mailHttpPort,
                    demoSitePort,
                    firstServicePort,
                    externalKafka,
                    externalPostgres,
                    externalSmtp,
                    jwtIssuer,
                    dbUrlOverrides,
                    readyTimeout,
                    demoAccount,
                    serviceJavaOptions,
                    serviceEnvironment,
                    stopStale,
                    oidc,
                    oidcPort,
                    consolePort,
                    replicas);
        }
    }

    /** The command-line help. */
    public static final String USAGE = """
            Usage: java -jar stack/target/stack.jar [options]     (or ./run.sh [options])

            Runs Kafka, PostgreSQL, an SMTP server, Keycloak, the four services and the console until Ctrl-C.

            Options:
              --infra-only               start Kafka, PostgreSQL and SMTP only (no services)
              --services=a,b             start only these services (consent-service, request-service,
                                         deletion-service, notification-service)
              --data-dir=DIR             data folder (env STACK_DATA_DIR; default ./.data)
              --home=DIR                 repository root with the service builds (env STACK_HOME; default .)
              --kafka-port=N             embedded Kafka port (default 9092)
              --postgres-port=N          embedded PostgreSQL port (default 15432)
              --smtp-port=N              embedded SMTP port (default 2525)
              --mail-http-port=N         mail read API port (default 8025; -1 = off)
              --demo-site-port=N         demo page embedding the consent widget (default 3000; -1 = off)
              --first-service-port=N     consent-service's port, the others follow (default 8081);
                                         management ports (health, metrics) 1000 above (9081...)
              --replicas=N               instances of each service, 1 to 4 (default 1), sharing its database
                                         and Kafka consumer groups; replica i listens i*100 above replica 0
                                         (8081..8084, 8181..8184, ...; management 9081.., 9181.., ...),
                                         logs to logs/<service>-<i>.log (replica 0: logs/<service>.log)
              --ready-timeout=SECONDS    per-service readiness timeout (default 180)
              --no-demo                  do not register the demo account
              --no-oidc                  do not start the OpenID Connect provider (Keycloak); the services
                                         then accept only the launcher's own tokens
              --oidc-port=N              Keycloak's port (default 8180)
              --console-port=N           the agents' and owners' console, signed in through Keycloak
                                         (default 8090; -1 = off)
              --stale=stop|fail          what to do when services or PostgreSQL of an earlier run on the
                                         same data folder still run although their launcher is gone:
                                         stop them first (default), or report them and exit with 1
              -h, --help                 this help

            Environment:
              STACK_DATA_DIR, STACK_HOME             as --data-dir, --home
              KAFKA_BOOTSTRAP_SERVERS                use this Kafka instead of the embedded one
              PG_HOST, PG_PORT (5432), PG_USER (postgres), PG_PASSWORD
                                                     use this PostgreSQL instead of the embedded one
                                                     (databases consent, request, deletion, notification
                                                     are created if missing)
              CONSENT_DB_URL, REQUEST_DB_URL, DELETION_DB_URL, NOTIFICATION_DB_URL
                                                     one service's JDBC URL
              SMTP_HOST, SMTP_PORT (25)              use this SMTP server instead of the embedded one
              JWT_ISSUER                             token issuer (default chat-privacy)
              STACK_SERVICE_JAVA_OPTS                JVM options of each service (default -Xmx384m -XX:+UseSerialGC)
              STACK_JAVA_OPTS                        (run.sh) JVM options of the launcher (default -Xmx768m)

            Files under the data folder: kafka/, postgres/, logs/<service>.log, logs/infra.log,
            logs/postgres.log, logs/keycloak.log, jwt/private.pem + public.pem, keys/, demo-account.json,
            demo-credentials.env (the demo tokens and widget key, the sign-in passwords and the console
            client's secret, owner-readable only; never printed:
            load them with  set -a; . .data/demo-credentials.env; set +a), run/ (what is running)

            Sign-in: Keycloak on http://localhost:8180, realm chat-privacy (users owner@demo.example and
            agent@demo.example, clients console and demo-cli), fresh at every start.

            Every service, Keycloak and PostgreSQL runs behind a watchdog that stops it when the launcher is gone,
            even if the launcher was killed with SIGKILL.
                        """;

    /**
     * The configuration from environment variables and command-line arguments (see {@link #USAGE}); relative paths are
     * resolved against the current directory.
     *
     * @throws IllegalArgumentException on a bad argument
     */
    public static StackConfig fromEnvironment(Map<String, String> env, String... args) {
        Path cwd = Paths.get("").toAbsolutePath();
        Path home = env.containsKey("STACK_HOME") ? cwd.resolve(env.get("STACK_HOME")) : cwd;
        String dataDir = env.get("STACK_DATA_DIR");
        for (String arg : args) {
            if (arg.startsWith("--home=")) {
                home = cwd.resolve(value(arg));
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = value(arg);
            }
        }
        Builder b = builder(home);
        b.dataDir(dataDir == null || dataDir.isBlank() ? home.resolve(".data") : cwd.resolve(dataDir));

        if (nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS"))) {
            b.externalKafka(env.get("KAFKA_BOOTSTRAP_SERVERS").trim());
        }
        if (nonBlank(env.get("PG_HOST"))) {
            b.externalPostgres(new ExternalPostgres(
                    env.get("PG_HOST").trim(),
                    intEnv(env, "PG_PORT", 5432),
                    nonBlank(env.get("PG_USER")) ? env.get("PG_USER") : "postgres",
                    env.get("PG_PASSWORD")));
        }
        if (nonBlank(env.get("SMTP_HOST"))) {
            b.externalSmtp(new ExternalSmtp(env.get("SMTP_HOST").trim(), intEnv(env, "SMTP_PORT", 25)));
        }
        if (nonBlank(env.get("JWT_ISSUER"))) {
            b.jwtIssuer(env.get("JWT_ISSUER").trim());
        }
        for (Service service : Service.values()) {
            String url = env.get(service.envPrefix() + "DB_URL");
            if (nonBlank(url)) {
                b.dbUrlOverride(service, url.trim());
            }
        }
        if (nonBlank(env.get("STACK_SERVICE_JAVA_OPTS"))) {
            b.serviceJavaOptions(
                    Arrays.asList(env.get("STACK_SERVICE_JAVA_OPTS").trim().split("\\s+")));
        }

        for (String arg : args) {
            if (arg.equals("--infra-only")) {
                b.infraOnly();
            } else if (arg.startsWith("--services=")) {
                EnumSet<Service> chosen = EnumSet.noneOf(Service.class);
                for (String name : value(arg).split(",")) {
                    if (!name.isBlank()) {
                        chosen.add(Service.parse(name));
                    }
                }
                b.services(chosen);
            } else if (arg.startsWith("--kafka-port=")) {
                b.kafkaPort(port(arg));
            } else if (arg.startsWith("--postgres-port=")) {
                b.postgresPort(port(arg));
            } else if (arg.startsWith("--smtp-port=")) {
                b.smtpPort(port(arg));
            } else if (arg.startsWith("--mail-http-port=")) {
                b.mailHttpPort(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--demo-site-port=")) {
                b.demoSitePort(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--first-service-port=")) {
                b.firstServicePort(port(arg));
            } else if (arg.startsWith("--replicas=")) {
                try {
                    b.replicas(Integer.parseInt(value(arg)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not a number: " + arg);
                }
            } else if (arg.startsWith("--ready-timeout=")) {
                b.readyTimeout(Duration.ofSeconds(Long.parseLong(value(arg))));
            } else if (arg.equals("--no-oidc")) {
                b.oidc(false);
            } else if (arg.startsWith("--console-port=")) {
                b.consolePort(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--oidc-port=")) {
                b.oidcPort(port(arg));
            } else if (arg.equals("--no-demo")) {
                b.demoAccount(false);
            } else if (arg.equals("--stale=stop")) {
                b.stopStale(true);
            } else if (arg.equals("--stale=fail")) {
                b.stopStale(false);
            } else if (arg.startsWith("--home=") || arg.startsWith("--data-dir=")) {
                // handled above
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        return b.build();
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static int port(String arg) {
        int port;
        try {
            port = Integer.parseInt(value(arg));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a port: " + arg);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a port: " + arg);
        }
        return port;
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (!nonBlank(v)) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + v);
        }
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
