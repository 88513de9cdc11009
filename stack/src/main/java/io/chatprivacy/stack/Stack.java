package io.chatprivacy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.KafkaBroker;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.Ports;
import io.chatprivacy.infra.PostgresServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The whole system on one machine: Kafka, PostgreSQL, an SMTP server (with a read API) and the four services, each
 * service a child JVM started after the previous one is ready.
 *
 * <p>Command line: {@code java -jar stack/target/stack.jar [--infra-only] ...} (see {@link StackConfig#USAGE}); runs
 * until Ctrl-C. Programmatic (end-to-end tests):
 *
 * <pre>{@code
 * try (Stack stack = Stack.start(StackConfig.builder(repoRoot).dataDir(tmp).randomPorts().build())) {
 *     String url = stack.serviceUrl(Service.CONSENT);
 * }
 * }</pre>
 *
 * <p>Replicas ({@link StackConfig#replicas()}): each service can run as several instances, all on the service's
 * database and in its Kafka consumer groups, with the same environment apart from their ports. An instance is a
 * service and a replica index (0-based); the methods without an index mean replica 0, which is also the address the
 * console (which also opens access copies at deletion-service), the demo page and notification-service use.
 */
public final class Stack implements AutoCloseable {
    public static final String MAIL_FROM = "privacy@localhost";
    /** With fixed ports, a service's management interface listens this far above its HTTP port (8081: 9081). */
    public static final int MANAGEMENT_PORT_OFFSET = 1000;

    private final StackConfig config;
    private final Object lifecycle = new Object();
    /** The started instances, in start order (service, then replica); guarded by {@link #lifecycle}. */
    private final Map<Instance, ServiceProcess> services = new TreeMap<>(Instance.ORDER);

    private final Map<Instance, Integer> servicePorts = new ConcurrentHashMap<>();
    /** Each instance's management interface (health, metrics): its HTTP port + 1000, or a free port. */
    private final Map<Instance, Integer> managementPorts = new ConcurrentHashMap<>();

    /** One instance of a service: the service and its replica index, 0-based. */
    private record Instance(Service service, int replica) {
        static final Comparator<Instance> ORDER =
                Comparator.comparing(Instance::service).thenComparingInt(Instance::replica);

        /** Replica 0: the module name ({@code consent-service}); others {@code consent-service-1} etc. */
        String name() {
            return replica == 0 ? service.module() : service.module() + "-" + replica;
        }

        /** For people: {@code consent-service}, {@code consent-service replica 1}. */
        @Override
        public String toString() {
            return replica == 0 ? service.module() : service.module() + " replica " + replica;
        }
    }

    private FileChannel lockChannel;
    private FileLock lock;
    private StackProcesses processes;
    private Watchdog watchdog;
    private Process postgresWatchdog;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MailServer mail;
    private JwtSigner jwt;
    private ServiceSecrets secrets;
    private DemoCredentials demo;
    private DemoSite demoSite;
    private Keycloak keycloak;
    private int oidcPort;
    private ServiceProcess console;
    private int consolePort;
    private SignIn signIn;
    private volatile boolean closed;

    private Stack(StackConfig config) {
        this.config = config;
    }

    /**
     * Starts everything the config asks for, services one after another, and returns when all are ready.
     *
     * @throws StackException if something does not come up (everything started so far is stopped again)
     */
    public static Stack start(StackConfig config) {
        Stack stack = new Stack(config);
        try {
            stack.run();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void run() {
        Path data = config.dataDir();
        try {
            Files.createDirectories(data.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + data, e);
        }
        stepRun(this::lockDataDir);
        stepRun(this::stopLeftovers);
        processes = new StackProcesses(data);
        processes.add(StackProcesses.LAUNCHER, ProcessHandle.current(), 0);
        watchdog = Watchdog.install(data.resolve("run"));
        assignServicePorts();
        checkPortsFree();

        if (config.externalPostgres() == null) {
            long t0 = System.nanoTime();
            Path pgData = data.resolve("postgres");
            Path pgLog = data.resolve("logs/postgres.log");
            if (watchdog != null) {
                // started first, so that PostgreSQL is watched from its first moment
                stepRun(() -> postgresWatchdog = watchdog.guardPostgres(pgData, pgLog));
            }
            postgres = step(() -> PostgresServer.start(pgData, config.postgresPort(), pgLog));
            // recorded once running (a process's executable changes when setsid and unshare exec what they start)
            if (postgresWatchdog != null) {
                processes.add("PostgreSQL watchdog", postgresWatchdog.toHandle(), 0);
            }
            StackProcesses.postmasterPid(pgData)
                    .flatMap(ProcessHandle::of)
                    .ifPresent(p -> processes.add(StackProcesses.POSTGRES, p, postgres.port()));
            for (Service s : Service.values()) {
                postgres.createDatabase(s.database());
            }
            say("PostgreSQL   %s (%d ms)", "localhost:" + postgres.port(), millisSince(t0));
        } else {
            StackConfig.ExternalPostgres pg = config.externalPostgres();
            for (Service s : Service.values()) {
                if (!config.dbUrlOverrides().containsKey(s)) {
                    PostgresServer.createDatabase(pg.host(), pg.port(), pg.user(), pg.password(), s.database());
                }
            }
            say("PostgreSQL   %s:%d (external)", pg.host(), pg.port());
        }

        if (config.externalKafka() == null) {
            long t0 = System.nanoTime();
            kafka = step(() -> KafkaBroker.start(data.resolve("kafka"), config.kafkaPort()));
            say("Kafka        %s (%d ms)", kafka.bootstrapServers(), millisSince(t0));
        } else {
            say("Kafka        %s (external)", config.externalKafka());
        }

        if (config.externalSmtp() == null) {
            mail = step(() -> MailServer.start(config.smtpPort(), config.mailHttpPort()));
            say("SMTP         localhost:%d", mail.smtpPort());
        } else {
            say(
                    "SMTP         %s:%d (external)",
                    config.externalSmtp().host(), config.externalSmtp().port());
        }

        jwt = JwtSigner.loadOrCreate(data.resolve("jwt"), config.jwtIssuer());
        secrets = ServiceSecrets.loadOrCreate(data.resolve("keys"));

        // Keycloak starts while the services do: it is needed only once the demo account exists
        startOidc();

        // replicas one after another too: a service's first instance migrates its database alone
        for (Service service : config.services()) {
            for (int replica = 0; replica < config.replicas(); replica++) {
                startService(service, replica);
            }
        }

        Optional<JsonNode> account = Optional.empty();
        int sitePort = -1;
        if (config.demoAccount()) {
            sitePort = config.demoSitePort() == 0 ? Ports.free() : config.demoSitePort();
            account = DemoAccount.ensure(
                    data,
                    config.runs(Service.REQUEST) ? serviceUrl(Service.REQUEST) : null,
                    jwt,
                    sitePort > 0 ? "http://localhost:" + sitePort : null);
        }
        if (keycloak != null) {
            setUpOidc(account.map(a -> a.path("accountId").asText(null)).orElse(null));
        }
        if (config.demoAccount() || signIn != null) {
            demo = DemoAccount.writeCredentials(data, account, jwt, signIn);
        }
        if (config.demoAccount() && sitePort > 0 && config.runs(Service.CONSENT) && demo.widgetKey() != null) {
            int port = sitePort;
            demoSite = step(() -> DemoSite.start(port, serviceUrl(Service.CONSENT), demo.widgetKey()));
            demoSite.ensureDemoForm(demo.accountId(), demo.ownerToken());
            say("Demo page    %s", demoSite.url());
        }
        startConsole();
    }

    /**
     * Starts the agents' and owners' console once Keycloak's realm holds its client (the console signs people in
     * there, and calls the services with their tokens). Without Keycloak, or without a console build, none.
     */
    private void startConsole() {
        if (consolePort < 0 || signIn == null || !config.runs(Service.REQUEST)) {
            return;
        }
        Path jar = config.home().resolve("console/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            say("! the console is not built (%s): ./mvnw -DskipTests package builds it", jar);
            return;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HTTP_PORT", String.valueOf(consolePort));
        env.put("OIDC_AUTH_SERVER_URL", signIn.issuer());
        env.put("OIDC_CLIENT_ID", Keycloak.CONSOLE_CLIENT);
        env.put("OIDC_CLIENT_SECRET", signIn.consoleSecret());
        for (Service service : config.services()) {
            env.put(service.envPrefix() + "SERVICE_URL", serviceUrl(service));
        }
        console = new ServiceProcess(
                "console",
                consolePort,
                consolePort,
                jar,
                config.dataDir().resolve("logs").resolve("console.log"),
                config.serviceJavaOptions(),
                env,
                watchdog);
        long t0 = System.nanoTime();
        stepRun(console::start);
        say("%-20s starting on port %d (log: %s)", "console", consolePort, console.logFile());
        console.awaitReady(config.readyTimeout());
        if (watchdog != null) {
            processes.add("console watchdog", console.process().toHandle(), 0);
        }
        console.jvm().ifPresent(jvm -> processes.add("console", jvm, consolePort));
        say("%-20s ready in %d ms: %s", "console", millisSince(t0), console.baseUrl());
    }

    /**
     * The privacy center as consumers reach it (notification-service links receipts to it): the console's address,
     * known before the console starts (after the services).
     */
    public String privacyCenterUrl() {
        return "http://localhost:" + (consolePort > 0 ? consolePort : StackConfig.DEFAULT_CONSOLE_PORT);
    }

    /** The console's address, if it runs. */
    public Optional<String> consoleUrl() {
        return console == null ? Optional.empty() : Optional.of(console.baseUrl());
    }

    private void startOidc() {
        if (!config.oidc()) {
            return;
        }
        Optional<Path> distribution = Keycloak.distribution(config.home());
        if (distribution.isEmpty()) {
            say(
                    "! Keycloak is not unpacked (%s): sign-in skipped; ./mvnw -pl stack package unpacks it",
                    config.home().resolve("stack/target/keycloak"));
            return;
        }
        keycloak = step(() -> Keycloak.start(distribution.get(), oidcPort, config.dataDir(), watchdog));
        say("Keycloak     starting on port %d (log: %s)", oidcPort, keycloak.logFile());
    }

    /** Waits for Keycloak, then creates the realm and the demo users (with the demo account's id, if any). */
    private void setUpOidc(String accountId) {
        long t0 = System.nanoTime();
        // its first start after a build also builds its server image: twice a service's time
        keycloak.awaitReady(config.readyTimeout().multipliedBy(2));
        if (watchdog != null) {
            processes.add("keycloak watchdog", keycloak.process().toHandle(), 0);
        }
        keycloak.jvm().ifPresent(jvm -> processes.add("keycloak", jvm, keycloak.port()));
        SignIn credentials = new SignIn(
                keycloak.issuer(), Keycloak.secret(), Keycloak.secret(), Keycloak.secret(), keycloak.adminPassword());
        stepRun(() -> {
            keycloak.createRealm(credentials.consoleSecret());
            keycloak.createUser(DemoAccount.OWNER_EMAIL, credentials.ownerPassword(), Keycloak.OWNER_ROLE, accountId);
            keycloak.createUser(DemoAccount.AGENT_EMAIL, credentials.agentPassword(), Keycloak.AGENT_ROLE, accountId);
        });
        signIn = credentials;
        say("Keycloak     %s ready, realm set up %d ms after the services", keycloak.issuer(), millisSince(t0));
    }

    /** Starts (or restarts) one service (replica 0) and waits until it is ready. */
    public void startService(Service service) {
        startService(service, 0);
    }

    /**
     * Starts (or restarts) one instance of a service and waits until it is ready. The replica index may be beyond
     * {@link #replicas()} (up to {@value StackConfig#MAX_REPLICAS} - 1), to add an instance to a running stack; its
     * ports are chosen as the configured replicas' are.
     *
     * @throws IllegalArgumentException if the index is negative or not below {@value StackConfig#MAX_REPLICAS}
     */
    public void startService(Service service, int replica) {
        Instance instance = instance(service, replica);
        for (int attempt = 1; ; attempt++) {
            long logFrom = logSize(instance);
            ServiceProcess process = step(() -> {
                ServiceProcess p = services.get(instance);
                if (p == null) {
                    assignPorts(instance, true);
                    p = newServiceProcess(instance);
                    services.put(instance, p);
                }
                p.start();
                return p;
            });
            long t0 = System.nanoTime();
            say("%-20s starting on port %d (log: %s)", instance.name(), process.port(), process.logFile());
            try {
                process.awaitReady(config.readyTimeout());
            } catch (StackException e) {
                if (closed) {
                    throw new StackException("stopped while " + instance + " was starting");
                }
                String tail = process.tail(60);
                if (config.firstServicePort() == 0 && attempt < 3 && portTaken(process.logFile(), logFrom)) {
                    // a random port is only free when chosen: another process may take it before the service
                    // binds it. Choose again.
                    say("%-20s port %d was taken meanwhile; choosing another", instance.name(), process.port());
                    synchronized (lifecycle) {
                        services.remove(instance);
                        servicePorts.put(instance, Ports.free());
                        managementPorts.put(instance, Ports.free());
                    }
                    continue;
                }
                System.err.println();
                System.err.println("=== " + instance + " failed: " + e.getMessage());
                System.err.println("=== last lines of " + process.logFile() + ":");
                System.err.println(tail);
                System.err.println("===");
                // the cause travels with the exception, so a test report or CI log shows it too
                throw new StackException(e.getMessage() + "; last lines of " + process.logFile() + ":\n"
                        + ServiceProcess.tail(process.logFile(), 25));
            }
            started(instance, process, t0);
            return;
        }
    }

    private static Instance instance(Service service, int replica) {
        if (replica < 0 || replica >= StackConfig.MAX_REPLICAS) {
            throw new IllegalArgumentException(
                    "replica index " + replica + " of " + service + ": 0.." + (StackConfig.MAX_REPLICAS - 1));
        }
        return new Instance(service, replica);
    }

    /** Whether what the service logged since {@code from} says its port was in use. */
    private static boolean portTaken(Path logFile, long from) {
        try (RandomAccessFile raf = new RandomAccessFile(logFile.toFile(), "r")) {
            raf.seek(Math.min(from, raf.length()));
            byte[] bytes = new byte[(int) Math.min(raf.length() - raf.getFilePointer(), 1 << 20)];
            raf.readFully(bytes);
            String log = new String(bytes, StandardCharsets.UTF_8);
            return log.contains("Address already in use") || log.contains("seems to be in use");
        } catch (IOException e) {
            return false;
        }
    }

    private long logSize(Instance instance) {
        Path log = logFile(instance);
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private Path logFile(Instance instance) {
        return config.dataDir().resolve("logs").resolve(instance.name() + ".log");
    }

    private void started(Instance instance, ServiceProcess process, long t0) {
        say("%-20s ready in %d ms", instance.name(), millisSince(t0));
        // recorded once ready, when setsid and the watchdog's child have certainly exec'd what they run (the
        // executable is part of a record); a launcher dying before that leaves the watchdog to stop the service
        if (watchdog != null) {
            processes.add(instance.name() + " watchdog", process.process().toHandle(), 0);
        }
        process.jvm().ifPresent(jvm -> processes.add(instance.name(), jvm, process.port()));
        Process p = process.process();
        p.onExit().thenAccept(exited -> {
            if (!closed && !process.isStopping() && process.process() == exited) {
                System.err.println("! " + instance + " exited unexpectedly with code " + exited.exitValue()
                        + "; last lines of " + process.logFile() + ":\n" + process.tail(30));
            }
        });
    }

    /** Stops one service's replica 0 (SIGTERM, up to 20 s, then SIGKILL); {@link #startService} brings it back. */
    public void stopService(Service service) {
        stopService(service, 0);
    }

    /**
     * Stops one instance of a service (SIGTERM, up to 20 s, then SIGKILL), if started; {@link #startService(Service,
     * int)} brings it back on the same ports.
     */
    public void stopService(Service service, int replica) {
        ServiceProcess process = service(service, replica);
        if (process != null) {
            process.stop();
        }
    }

    // ---------------------------------------------------------------- faults (for fault-injection tests)

    /**
     * Kills one service's JVM with SIGKILL, as a crash would (no shutdown hook runs, nothing is closed gracefully),
     * and returns once it is gone. Nothing restarts it by itself: {@link #startService} brings it back on the same
     * ports, database and configuration.
     */
    public void killService(Service service) {
        killService(service, 0);
    }

    /**
     * Kills one instance of a service with SIGKILL, as {@link #killService(Service)} does replica 0; the other
     * instances keep running. {@link #startService(Service, int)} brings it back.
     */
    public void killService(Service service, int replica) {
        ServiceProcess process = service(service, replica);
        if (process == null) {
            throw new StackException(new Instance(service, replica) + " is not running");
        }
        process.kill();
    }

    /**
     * Shuts the embedded Kafka broker down (controlled shutdown), keeping its port and log directory; the services
     * stay up and see the broker unreachable until {@link #startKafka()}.
     *
     * @throws StackException with an external broker ({@code KAFKA_BOOTSTRAP_SERVERS})
     */
    public void stopKafka() {
        embeddedKafka().stop();
    }

    /** Starts the stopped embedded broker again on the same port and log directory: topics and offsets survive. */
    public void startKafka() {
        embeddedKafka().restart();
    }

    private KafkaBroker embeddedKafka() {
        if (kafka == null) {
            throw new StackException("no embedded Kafka broker (an external one is used)");
        }
        return kafka;
    }

    /**
     * Shuts the embedded PostgreSQL down (fast shutdown: open sessions are ended, committed data is kept); the
     * services stay up and lose their connections until {@link #startPostgres()}.
     *
     * @throws StackException with an external server ({@code PG_HOST})
     */
    public void stopPostgres() {
        synchronized (lifecycle) {
            embeddedPostgres().close();
        }
    }

    /** Starts the stopped embedded PostgreSQL again on the same port and data directory. */
    public void startPostgres() {
        synchronized (lifecycle) {
            PostgresServer stopped = embeddedPostgres();
            if (closed) {
                throw new StackException("stopped");
            }
            Path pgData = stopped.dataDir();
            postgres = PostgresServer.start(
                    pgData, stopped.port(), config.dataDir().resolve("logs/postgres.log"));
            StackProcesses.postmasterPid(pgData)
                    .flatMap(ProcessHandle::of)
                    .ifPresent(p -> processes.add(StackProcesses.POSTGRES, p, postgres.port()));
        }
    }

    private PostgresServer embeddedPostgres() {
        if (postgres == null) {
            throw new StackException("no embedded PostgreSQL (an external one is used)");
        }
        return postgres;
    }

    /**
     * Makes the embedded SMTP server unreachable (its port refuses connections), keeping what it received; {@link
     * #startSmtp()} makes it reachable again on the same port.
     *
     * @throws StackException with an external SMTP server ({@code SMTP_HOST})
     */
    public void stopSmtp() {
        embeddedMail().stop();
    }

    /** Makes the embedded SMTP server reachable again on the same port. */
    public void startSmtp() {
        embeddedMail().restart();
    }

    private MailServer embeddedMail() {
        if (mail == null) {
            throw new StackException("no embedded SMTP server (an external one is used)");
        }
        return mail;
    }

    private ServiceProcess newServiceProcess(Instance instance) {
        Service service = instance.service();
        Path jar = config.home().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        return new ServiceProcess(
                instance.name(),
                servicePort(service, instance.replica()),
                managementPort(service, instance.replica()),
                jar,
                logFile(instance),
                config.serviceJavaOptions(),
                serviceEnvironment(service, instance.replica()),
                watchdog);
    }

    /** The environment a service process (replica 0) gets (the launcher's own environment plus these). */
    public Map<String, String> serviceEnvironment(Service service) {
        return serviceEnvironment(service, 0);
    }

    /**
     * The environment one instance of a service gets (the launcher's own environment plus these). Replicas differ
     * only in {@code HTTP_PORT} and {@code MANAGEMENT_PORT}: the services set no per-instance Kafka setting (no
     * {@code group.instance.id}, no transactional id; a repeated {@code client.id} is allowed), so the replicas of a
     * service share its consumer groups ({@code group.id} is the service's name) and its database.
     */
    public Map<String, String> serviceEnvironment(Service service, int replica) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HTTP_PORT", String.valueOf(servicePort(service, replica)));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort(service, replica)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("DB_URL", jdbcUrl(service));
        env.put("DB_USER", dbUser());
        env.put("DB_PASSWORD", dbPassword());
        env.put("SMTP_HOST", smtpHost());
        env.put("SMTP_PORT", String.valueOf(smtpPort()));
        env.put("MAIL_FROM", MAIL_FROM);
        env.put("JWT_PUBLIC_KEY_LOCATION", jwt.publicKeyPath().toString());
        env.put("JWT_ISSUER", jwt.issuer());
        if (keycloak != null) {
            // the services fetch its keys (JWKS) on the first token it signed
            env.put("OIDC_ISSUER_URL", keycloak.issuer());
        }
        if (service == Service.NOTIFICATION) {
            // notification-service quotes deletion-service's URL in the owners' code mails
            env.put("DELETION_SERVICE_URL", serviceUrl(Service.DELETION));
            // receipts of requests made on the privacy center (the console's public pages) link to them; with no
            // console (--console-port=-1) the default port, where one started apart would listen
            env.put("PRIVACY_CENTER_URL", privacyCenterUrl());
        }
        if (service == Service.CONSENT) {
            // the opt-out self-test submits its synthetic opt-out on request-service's public privacy center
            env.put("REQUEST_SERVICE_URL", serviceUrl(Service.REQUEST));
        }
        if (service == Service.REQUEST) {
            // the code page it names to authorised agents (Data Rights Protocol statuses) is on the privacy center
            env.put("PRIVACY_CENTER_URL", privacyCenterUrl());
        }
        env.putAll(secrets.environment(service));
        env.putAll(config.serviceEnvironment());
        return env;
    }

    // ---------------------------------------------------------------- accessors

    public StackConfig config() {
        return config;
    }

    public String kafkaBootstrapServers() {
        return kafka != null ? kafka.bootstrapServers() : config.externalKafka();
    }

    /** JDBC URL of a database on the stack's PostgreSQL (embedded or {@code PG_HOST}). */
    public String jdbcUrl(String database) {
        return postgres != null
                ? postgres.jdbcUrl(database)
                : config.externalPostgres().jdbcUrl(database);
    }

    /** The {@code DB_URL} a service gets (its override, if any). */
    public String jdbcUrl(Service service) {
        String override = config.dbUrlOverrides().get(service);
        return override != null ? override : jdbcUrl(service.database());
    }

    public String dbUser() {
        return postgres != null
                ? postgres.username()
                : config.externalPostgres().user();
    }

    public String dbPassword() {
        String password = postgres != null
                ? postgres.password()
                : config.externalPostgres().password();
        return password == null ? "" : password;
    }

    public String smtpHost() {
        return mail != null ? "localhost" : config.externalSmtp().host();
    }

    public int smtpPort() {
        return mail != null ? mail.smtpPort() : config.externalSmtp().port();
    }

    /** {@code http://localhost:8025/messages} with the embedded SMTP server and its read API. */
    public Optional<String> mailApiUrl() {
        return mail == null ? Optional.empty() : Optional.ofNullable(mail.messagesUrl());
    }

    public Optional<KafkaBroker> kafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<PostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<MailServer> mail() {
        return Optional.ofNullable(mail);
    }

    /** The demo page embedding the consent widget, if it runs. */
    public Optional<DemoSite> demoSite() {
        return Optional.ofNullable(demoSite);
    }

    /** Signs tokens the services accept. */
    public JwtSigner jwt() {
        return jwt;
    }

    /** The OpenID Connect provider, if started. */
    public Optional<Keycloak> oidc() {
        return Optional.ofNullable(keycloak);
    }

    /** Its sign-in credentials, once its realm is set up. */
    public Optional<SignIn> signIn() {
        return Optional.ofNullable(signIn);
    }

    /** The demo credentials, if the demo step ran. */
    public Optional<DemoCredentials> demoCredentials() {
        return Optional.ofNullable(demo);
    }

    /** How many instances of each service the config asks for ({@link StackConfig#replicas()}). */
    public int replicas() {
        return config.replicas();
    }

    /** A service's HTTP port (replica 0). */
    public int servicePort(Service service) {
        return servicePort(service, 0);
    }

    /**
     * The HTTP port of one instance of a service: a free port with random ports, else {@link
     * StackConfig#servicePort(Service, int)} (replica {@code i}: {@value StackConfig#REPLICA_PORT_STEP}{@code * i}
     * above replica 0).
     */
    public int servicePort(Service service, int replica) {
        Integer port = servicePorts.get(instance(service, replica));
        return port != null ? port : config.servicePort(service, replica);
    }

    public String serviceUrl(Service service) {
        return serviceUrl(service, 0);
    }

    public String serviceUrl(Service service, int replica) {
        return "http://localhost:" + servicePort(service, replica);
    }

    /** The port of a service's management interface (replica 0): {@code /q/health/*} and {@code /q/metrics}. */
    public int managementPort(Service service) {
        return managementPort(service, 0);
    }

    /** The port of one instance's management interface: its HTTP port + 1000, or a free port with random ports. */
    public int managementPort(Service service, int replica) {
        Integer port = managementPorts.get(instance(service, replica));
        return port != null ? port : servicePort(service, replica) + MANAGEMENT_PORT_OFFSET;
    }

    /** The address of a service's management interface (replica 0): {@code /q/health/*} and {@code /q/metrics}. */
    public String managementUrl(Service service) {
        return managementUrl(service, 0);
    }

    /** The address of one instance's management interface. */
    public String managementUrl(Service service, int replica) {
        return "http://localhost:" + managementPort(service, replica);
    }

    /** A started service (replica 0), or null. */
    public ServiceProcess service(Service service) {
        return service(service, 0);
    }

    /** A started instance of a service, or null. */
    public ServiceProcess service(Service service, int replica) {
        Instance instance = instance(service, replica);
        synchronized (lifecycle) {
            return services.get(instance);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Runs a start step unless the stack is closing; what it returns is stopped by {@link #close()}. Holding the lock
     * makes a concurrent close (Ctrl-C) wait for the step, so nothing started is left behind.
     */
    private <T> T step(Supplier<T> action) {
        synchronized (lifecycle) {
            if (closed) {
                throw new StackException("stopped");
            }
            return action.get();
        }
    }

    private void stepRun(Runnable action) {
        step(() -> {
            action.run();
            return null;
        });
    }

    private void lockDataDir() {
        Path lockFile = config.dataDir().resolve("stack.lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StackException("Another stack is using " + config.dataDir()
                    + ": stop it first (or use another --data-dir / STACK_DATA_DIR)");
        }
    }

    /**
     * Finds what an earlier launcher on this data folder left running (it died without stopping its children, or they
     * are still stopping) and stops it, or with {@code --stale=fail} refuses to start. The lock held now proves that no
     * launcher uses the folder any more, and only processes whose pid, start time and executable match the record (or
     * a PostgreSQL server running on this folder's database) are touched.
     */
    private void stopLeftovers() {
        List<StackProcesses.Leftover> leftovers = StackProcesses.leftovers(config.dataDir(), Stack::say);
        for (StackProcesses.Leftover l : leftovers) {
            if (l.name().equals(StackProcesses.LAUNCHER)) {
                throw new StackException("Another stack is using " + config.dataDir() + " (launcher pid "
                        + l.process().pid() + "): stop it first (or use another --data-dir / STACK_DATA_DIR)");
            }
        }
        if (leftovers.isEmpty()) {
            return;
        }
        String list = leftovers.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("\n  "));
        if (!config.stopStale()) {
            throw new StackException("A stack started earlier on " + config.dataDir()
                    + " is still running, but its launcher is gone:\n  " + list
                    + "\nStop it by starting without --stale=fail (which stops it first), or stop these processes.");
        }
        say("Stopping what an earlier stack on %s left running:%n  %s", config.dataDir(), list);
        StackProcesses.stop(leftovers);
    }

    private void assignServicePorts() {
        oidcPort = config.oidcPort() == 0 ? Ports.free() : config.oidcPort();
        consolePort = config.consolePort() == 0 ? Ports.free() : config.consolePort();
        for (Service s : config.services()) {
            for (int replica = 0; replica < config.replicas(); replica++) {
                assignPorts(new Instance(s, replica), false);
            }
        }
    }

    /**
     * Chooses an instance's ports unless it has some: free ones with random ports, else the fixed layout. An instance
     * added at run time ({@code checkFree}) is refused if a fixed port of it is taken.
     */
    private void assignPorts(Instance instance, boolean checkFree) {
        if (servicePorts.containsKey(instance)) {
            return;
        }
        boolean random = config.firstServicePort() == 0;
        int port = random ? Ports.free() : config.servicePort(instance.service(), instance.replica());
        int management = random ? Ports.free() : port + MANAGEMENT_PORT_OFFSET;
        if (checkFree && !random) {
            List<String> busy = new ArrayList<>();
            checkPort(busy, port, instance.toString());
            checkPort(busy, management, instance + " management");
            if (!busy.isEmpty()) {
                throw new StackException("Ports already in use:\n  " + String.join("\n  ", busy));
            }
        }
        servicePorts.put(instance, port);
        managementPorts.put(instance, management);
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        if (config.externalKafka() == null) {
            checkPort(busy, config.kafkaPort(), "Kafka (--kafka-port, or KAFKA_BOOTSTRAP_SERVERS for your own)");
        }
        if (config.externalPostgres() == null) {
            checkPort(busy, config.postgresPort(), "PostgreSQL (--postgres-port, or PG_HOST for your own)");
        }
        if (config.externalSmtp() == null) {
            checkPort(busy, config.smtpPort(), "SMTP (--smtp-port, or SMTP_HOST for your own)");
            if (config.mailHttpPort() > 0) {
                checkPort(busy, config.mailHttpPort(), "mail read API (--mail-http-port)");
            }
        }
        if (config.demoAccount() && config.demoSitePort() > 0) {
            checkPort(busy, config.demoSitePort(), "demo page (--demo-site-port=-1: none)");
        }
        for (Service s : config.services()) {
            for (int replica = 0; replica < config.replicas(); replica++) {
                Instance instance = new Instance(s, replica);
                String how = replica == 0 ? "--first-service-port" : "--first-service-port, --replicas";
                checkPort(busy, servicePort(s, replica), instance + " (" + how + ")");
                checkPort(busy, managementPort(s, replica), instance + " management (" + how + " + 1000)");
            }
        }
        if (config.oidc() && Keycloak.distribution(config.home()).isPresent()) {
            checkPort(busy, oidcPort, "Keycloak (--oidc-port, or --no-oidc)");
            checkPort(busy, consolePort, "the console (--console-port=-1: none)");
        }
        if (!busy.isEmpty()) {
            throw new StackException("Ports already in use (another stack running?):\n  " + String.join("\n  ", busy));
        }
    }

    private static void checkPort(List<String> busy, int port, String what) {
        if (port > 0 && Ports.inUse(port)) {
            busy.add(port + ": " + what);
        }
    }

    /**
     * Stops the services in reverse start order, then SMTP, Kafka and PostgreSQL. Idempotent; waits for a start step
     * in progress.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (demoSite != null) {
                quietly(demoSite::close);
            }
            // all services at once: each takes 5-15 s to stop (its Kafka consumers leave their groups one
            // after another), and nothing they need goes before all of them are down
            List<Thread> stopping = new ArrayList<>();
            for (Map.Entry<Instance, ServiceProcess> entry : services.entrySet()) {
                ServiceProcess p = entry.getValue();
                if (p.process() != null) {
                    say("Stopping %s", entry.getKey());
                    Thread stop = new Thread(
                            () -> quietly(p::stop), "stop-" + entry.getKey().name());
                    stop.start();
                    stopping.add(stop);
                }
            }
            if (console != null && console.process() != null) {
                say("Stopping the console");
                Thread stop = new Thread(() -> quietly(console::stop), "stop-console");
                stop.start();
                stopping.add(stop);
            }
            if (keycloak != null) {
                say("Stopping Keycloak");
                Thread stop = new Thread(() -> quietly(keycloak::stop), "stop-keycloak");
                stop.start();
                stopping.add(stop);
            }
            for (Thread stop : stopping) {
                try {
                    stop.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (mail != null) {
                say("Stopping SMTP");
                quietly(mail::close);
            }
            if (kafka != null) {
                say("Stopping Kafka");
                quietly(kafka::close);
            }
            if (postgres != null) {
                say("Stopping PostgreSQL");
                quietly(postgres::close);
            }
            if (postgresWatchdog != null) {
                Watchdog.release(postgresWatchdog);
            }
            if (processes != null) {
                quietly(processes::clearIfAllStopped);
            }
            if (lock != null) {
                quietly(() -> {
                    try {
                        lock.release();
                        lockChannel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            say("Stopped.");
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("! " + e);
        }
    }

    /** What is running where, for people. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("\nChat privacy stack is up. Data: ").append(config.dataDir()).append('\n');
        for (Service service : config.services()) {
            for (int replica : replicaIndexes(service)) {
                String url = serviceUrl(service, replica);
                s.append(String.format("%n  %-20s %s%n", new Instance(service, replica).name(), url));
                s.append(String.format("  %-20s %s/q/swagger-ui%n", "", url));
                s.append(String.format("  %-20s %s/q/health/ready%n", "", managementUrl(service, replica)));
                s.append(String.format("  %-20s %s/q/metrics%n", "", managementUrl(service, replica)));
            }
        }
        s.append('\n');
        s.append(String.format("  %-20s %s%n", "Kafka", kafkaBootstrapServers()));
        s.append(String.format(
                "  %-20s %s  (user %s, %s)%n",
                "PostgreSQL",
                jdbcUrl("postgres").replaceAll("/postgres$", "/<database>"),
                dbUser(),
                // the embedded server's password is a documented constant it does not even check; a password of
                // the user's own server (PG_PASSWORD) is theirs and stays off the screen
                postgres != null
                        ? "password " + dbPassword()
                        : dbPassword().isEmpty() ? "no password" : "password from PG_PASSWORD"));
        s.append(String.format("  %-20s databases: consent, request, deletion, notification%n", ""));
        s.append(String.format("  %-20s %s:%d%n", "SMTP", smtpHost(), smtpPort()));
        mailApiUrl()
                .ifPresent(url -> s.append(
                        String.format("  %-20s %s  (curl %s ; curl -X DELETE %s)%n", "Mail read API", url, url, url)));
        if (demoSite != null) {
            s.append(String.format("  %-20s %s  (the consent widget on a shop page)%n", "Demo page", demoSite.url()));
        }
        s.append(String.format("  %-20s %s%n", "Logs", config.dataDir().resolve("logs")));
        s.append(String.format("  %-20s %s%n", "JWT public key", jwt.publicKeyPath()));
        if (console != null) {
            s.append(String.format(
                    "  %-20s %s  (sign in as OWNER_USERNAME / OWNER_PASSWORD from the credentials file)%n",
                    "Console", console.baseUrl()));
        }
        if (keycloak != null) {
            s.append(String.format("  %-20s %s  (realm %s)%n", "Sign-in (OIDC)", keycloak.issuer(), Keycloak.REALM));
            s.append(String.format(
                    "  %-20s %s/admin/  (user admin, KEYCLOAK_ADMIN_PASSWORD)%n", "Keycloak console", keycloak.url()));
        }
        if (demo != null) {
            // the tokens and the widget key are secrets: they stay in the file (owner-readable only), never on screen
            Path env = config.dataDir().resolve(DemoAccount.CREDENTIALS_FILE);
            s.append(String.format("  %-20s %s%n", "Demo credentials", env));
            s.append(String.format("  %-20s (%s)%n", "", String.join(", ", DemoCredentials.NAMES)));
            if (signIn != null) {
                s.append(String.format("  %-20s (%s)%n", "", String.join(", ", SignIn.NAMES)));
            }
            s.append(String.format("%nLoad them into your shell: set -a; . %s; set +a%n", env));
        }
        return s.toString();
    }

    /** The configured replicas of a service and any started beyond them, in order. */
    private TreeSet<Integer> replicaIndexes(Service service) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (int replica = 0; replica < config.replicas(); replica++) {
            indexes.add(replica);
        }
        synchronized (lifecycle) {
            services.keySet().stream().filter(i -> i.service() == service).forEach(i -> indexes.add(i.replica()));
        }
        return indexes;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.print(StackConfig.USAGE);
                return;
            }
        }
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(StackConfig.USAGE);
            System.exit(2);
            return;
        }
        configureLogging(config.dataDir().resolve("logs"));

        Stack stack = new Stack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            stopped.countDown();
                        },
                        "stack-shutdown"));
        try {
            stack.run();
        } catch (RuntimeException e) {
            if (stack.closed) {
                return; // Ctrl-C during start: the shutdown hook is cleaning up
            }
            System.err.println("\nThe stack did not start: " + e.getMessage());
            stack.close();
            System.exit(1);
            return;
        }
        System.out.println(stack.summary());
        System.out.println("Press Ctrl-C to stop.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Console: errors only; {@code <logs>/infra.log}: the embedded servers' INFO logs. */
    private static void configureLogging(Path logs) {
        System.setProperty("infra.verbose", "true");
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s [%3$s] %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.SEVERE);
        console.setFormatter(new SimpleFormatter());
        root.addHandler(console);
        try {
            Files.createDirectories(logs);
            FileHandler file = new FileHandler(logs.resolve("infra.log").toString(), 20 * 1024 * 1024, 1, true);
            file.setLevel(Level.INFO);
            file.setFormatter(new SimpleFormatter());
            root.addHandler(file);
        } catch (IOException e) {
            System.err.println("! no infra.log: " + e);
        }
    }
}
