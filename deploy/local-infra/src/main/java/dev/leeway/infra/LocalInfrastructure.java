package dev.leeway.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PostgreSQL and Kafka for one local platform or one test JVM, and the environment variables that point the
 * services at them: the same variables an operator sets to use external clusters instead.
 */
public final class LocalInfrastructure implements AutoCloseable {

    public static final String DATABASE = "leeway";

    private static LocalInfrastructure shared;

    private final EmbeddedPostgresServer postgres;
    private final KafkaBroker kafka;

    private LocalInfrastructure(EmbeddedPostgresServer postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Servers whose data lives under {@code home} and survives restarts. */
    public static LocalInfrastructure startPersistent(Path home, int postgresPort, int kafkaPort, int controllerPort) {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(home.resolve("postgres"), postgresPort);
        try {
            postgres.ensureDatabase(DATABASE);
            return new LocalInfrastructure(postgres, KafkaBroker.start(home.resolve("kafka"), kafkaPort, controllerPort));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** One throw-away PostgreSQL and Kafka per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            Path kafkaDirectory = temporaryDirectory();
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startEphemeral();
            postgres.ensureDatabase(DATABASE);
            shared = new LocalInfrastructure(postgres, KafkaBroker.start(kafkaDirectory, FreePorts.next(), FreePorts.next()));
            LocalInfrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(kafkaDirectory);
            }, "local-infrastructure-shutdown"));
        }
        return shared;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** The settings every service reads (see the README's configuration table). */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LEEWAY_DB_URL", jdbcUrl());
        environment.put("LEEWAY_DB_ADMIN_USER", EmbeddedPostgresServer.SUPERUSER);
        environment.put("LEEWAY_DB_ADMIN_PASSWORD", "");
        environment.put("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return environment;
    }

    /** A superuser connection to the Leeway database, for set-up and for tests that look under the services. */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, "");
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("leeway-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
