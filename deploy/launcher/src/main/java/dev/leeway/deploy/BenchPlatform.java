package dev.leeway.deploy;

import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.FreePorts;
import dev.leeway.infra.KafkaBroker;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.LocalTokens;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * What a standalone bench starts, all in a scratch folder of its own: an embedded PostgreSQL whose event store is
 * built by command-service's own migrations, a Kafka broker, packaged services on free ports, a local token key.
 * Everything is stopped once, in reverse order, whether the bench ends normally, fails or is interrupted (Ctrl-C
 * runs a shutdown hook: the services and PostgreSQL are processes of their own). The folder is deleted unless
 * {@code keep}, or the bench failed (its logs/ say why).
 */
final class BenchPlatform implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final Path scratch;
    private final boolean keep;
    private final PrintStream terminal;
    private final Thread hook;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private volatile EmbeddedPostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile String url;
    private volatile LocalTokens tokens;
    private volatile boolean succeeded;
    private boolean closed;

    private BenchPlatform(Path root, Path scratch, boolean keep, PrintStream terminal) {
        this.root = root;
        this.scratch = scratch;
        this.keep = keep;
        this.terminal = terminal;
        this.hook = new Thread(this::close, "bench-shutdown");
    }

    /**
     * A scratch folder named after the bench; from here on, the embedded servers and services log into its logs/,
     * not over the figures (so call this before anything creates a logger).
     */
    static BenchPlatform open(Path root, String bench, boolean keep, PrintStream terminal) throws IOException {
        Path scratch = Files.createTempDirectory("leeway-bench-" + bench + "-");
        System.setProperty("leeway.logs", scratch.resolve("logs").toString());
        BenchPlatform platform = new BenchPlatform(root, scratch, keep, terminal);
        Runtime.getRuntime().addShutdownHook(platform.hook);
        return platform;
    }

    /** A packaged service's jar; call before {@link #open} so that a missing one fails before anything starts. */
    static Path jar(Path root, String service) {
        Path jar = root.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        return jar;
    }

    Path scratch() {
        return scratch;
    }

    /**
     * Starts PostgreSQL and builds an empty event store and key vault in it (each its own database, as
     * command-service would); answers the event store's JDBC URL (superuser, no password).
     */
    String startEventStore() {
        postgres = EmbeddedPostgresServer.startPersistent(scratch.resolve("postgres"), FreePorts.next());
        postgres.ensureDatabase(LocalInfrastructure.DATABASE);
        postgres.ensureDatabase(LocalInfrastructure.KEY_VAULT_DATABASE);
        url = postgres.jdbcUrl(LocalInfrastructure.DATABASE);
        // The read model is left to projection-service, which migrates it from its own jar at start.
        migrate(url, "event_store", "event-store");
        migrate(keyVaultUrl(), "key_vault", "key-vault");
        return url;
    }

    /** The key vault's JDBC URL (superuser, no password); after {@link #startEventStore}. */
    String keyVaultUrl() {
        return postgres.jdbcUrl(LocalInfrastructure.KEY_VAULT_DATABASE);
    }

    private void migrate(String database, String schema, String folder) {
        Path migrations = root.resolve("command-service/src/main/resources/db/migration").resolve(folder);
        if (!Files.isDirectory(migrations)) {
            throw new IllegalStateException(migrations + " is missing: run from a Leeway clone (-Dleeway.root)");
        }
        Flyway.configure()
                .dataSource(database, EmbeddedPostgresServer.SUPERUSER, "")
                .schemas(schema).defaultSchema(schema)
                .locations("filesystem:" + migrations)
                .target(beforeFirstJavaMigration(migrations))
                .placeholders(Map.of("command_role", "leeway_command", "command_password", "leeway_command",
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection",
                        "query_role", "leeway_query", "query_password", "leeway_query"))
                .load().migrate();
    }

    /**
     * The SQL migrations up to the first version that has no SQL file: that one is a Java migration (event store
     * V8 moves keys to the vault), which only command-service can run, and it runs it with every later one when it
     * starts (V9 then back-fills from the seeded events, as an upgrade would). Migrating past it here would leave
     * command-service refusing to start (a resolved migration not applied, before applied ones).
     */
    private static MigrationVersion beforeFirstJavaMigration(Path migrations) {
        Set<Integer> versions = new HashSet<>();
        try (var files = Files.list(migrations)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .forEach(name -> versions.add(Integer.parseInt(name.substring(1, name.indexOf("__")))));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + migrations, e);
        }
        int firstMissing = 1;
        while (versions.contains(firstMissing)) {
            firstMissing++;
        }
        int missing = firstMissing;
        return versions.stream().anyMatch(version -> version > missing)
                ? MigrationVersion.fromVersion(Integer.toString(missing - 1)) : MigrationVersion.LATEST;
    }

    /** The postmaster's process id, from its data directory: its backends are its children. */
    long postgresPid() throws IOException {
        return Long.parseLong(Files.readAllLines(scratch.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }

    String serverVersion() throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            return "PostgreSQL " + version.getString(1);
        }
    }

    /** A superuser connection to the bench's database. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
    }

    void startKafka() {
        kafka = KafkaBroker.start(scratch.resolve("kafka"), FreePorts.next(), FreePorts.next());
    }

    /** The bench's own key pair: the services started here trust it (local profile), nothing else does. */
    LocalTokens tokens() {
        if (tokens == null) {
            tokens = LocalTokens.in(scratch.resolve("keys"));
        }
        return tokens;
    }

    /**
     * Starts a packaged service on a free port (told through {@code portVariable}) with what every service needs
     * (database, Kafka when started, the local profile and key) plus {@code extra}, and waits until it is healthy.
     */
    ServiceProcess startService(String name, String portVariable, Map<String, String> extra) {
        Path jar = jar(root, name);
        int port = FreePorts.next();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LEEWAY_DB_URL", url);
        environment.put("LEEWAY_KEY_VAULT_URL", keyVaultUrl());
        environment.put("LEEWAY_DB_ADMIN_USER", EmbeddedPostgresServer.SUPERUSER);
        environment.put("LEEWAY_DB_ADMIN_PASSWORD", "");
        if (kafka != null) {
            environment.put("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("LEEWAY_LOCAL_JWT_PUBLIC_KEY", tokens().publicKeyFile().toString());
        environment.put(portVariable, Integer.toString(port));
        environment.putAll(extra);
        ServiceProcess service = ServiceProcess.start(name, jar, port, environment, scratch.resolve("logs"));
        services.add(service); // before waiting: one that never gets healthy is stopped too
        service.awaitHealthy(START_TIMEOUT);
        return service;
    }

    /** The three packaged services, and a CPU meter over them, PostgreSQL and the bench's own process. */
    record Services(ServiceProcess command, ServiceProcess projection, ServiceProcess query, ProcessCpu cpu) {
    }

    /** Fails before anything starts if a service jar is missing. */
    static void requireServiceJars(Path root) {
        for (String service : List.of("command-service", "projection-service", "query-service")) {
            jar(root, service);
        }
    }

    /** Starts Kafka and the three services on the event store ({@link #startEventStore} first). */
    Services startAllServices() throws IOException {
        startKafka();
        ServiceProcess command = startService("command-service", "LEEWAY_COMMAND_PORT", Map.of());
        ServiceProcess projection = startService("projection-service", "LEEWAY_PROJECTION_PORT", Map.of());
        ServiceProcess query = startService("query-service", "LEEWAY_QUERY_PORT", Map.of());
        ProcessCpu cpu = new ProcessCpu(Map.of("command-service", command.pid(), "projection-service",
                projection.pid(), "query-service", query.pid(), "bench (clients, Kafka)",
                ProcessHandle.current().pid()), postgresPid());
        return new Services(command, projection, query, cpu);
    }

    /** Call when the bench got to its end: then the folder is deleted on close (unless kept). */
    void succeeded() {
        succeeded = true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (keep || !succeeded) {
            terminal.println("Kept " + scratch + (succeeded ? "" : " (its logs/ say what went wrong)")
                    + "; delete it when done.");
        } else {
            deleteRecursively(scratch);
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing left to undo.
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
