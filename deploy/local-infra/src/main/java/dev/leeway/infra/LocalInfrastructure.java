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
 * PostgreSQL, Kafka and a token signing key for one test JVM, and the environment variables that point the
 * services at them: the same variables an operator sets to use external clusters instead.
 */
public final class LocalInfrastructure implements AutoCloseable {

    public static final String DATABASE = "leeway";
    /** The key vault's database: customers' keys, apart from the event store's (a backup of it holds no key). */
    public static final String KEY_VAULT_DATABASE = "leeway_keys";

    private static LocalInfrastructure shared;

    private final EmbeddedPostgresServer postgres;
    private final KafkaBroker kafka;
    private final LocalTokens tokens;

    private LocalInfrastructure(EmbeddedPostgresServer postgres, KafkaBroker kafka, LocalTokens tokens) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.tokens = tokens;
    }

    /** One throw-away PostgreSQL and Kafka per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            Path scratch = temporaryDirectory();
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startEphemeral();
            postgres.ensureDatabase(DATABASE);
            postgres.ensureDatabase(KEY_VAULT_DATABASE);
            KafkaBroker kafka = KafkaBroker.start(scratch.resolve("kafka"), FreePorts.next(), FreePorts.next());
            shared = new LocalInfrastructure(postgres, kafka, LocalTokens.in(scratch.resolve("keys")));
            LocalInfrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(scratch);
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

    /** Signs tokens that services started with {@link #environment()} and the {@code local} profile accept. */
    public LocalTokens tokens() {
        return tokens;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    public String keyVaultUrl() {
        return postgres.jdbcUrl(KEY_VAULT_DATABASE);
    }

    /** The settings every service reads (see the README's configuration table). */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LEEWAY_DB_URL", jdbcUrl());
        environment.put("LEEWAY_KEY_VAULT_URL", keyVaultUrl());
        environment.put("LEEWAY_DB_ADMIN_USER", EmbeddedPostgresServer.SUPERUSER);
        environment.put("LEEWAY_DB_ADMIN_PASSWORD", "");
        environment.put("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("LEEWAY_LOCAL_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
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
            return Files.createTempDirectory("leeway-test");
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
