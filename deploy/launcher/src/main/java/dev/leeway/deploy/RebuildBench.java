package dev.leeway.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.FreePorts;
import dev.leeway.infra.KafkaBroker;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.kernel.identity.Role;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code deploy/leeway bench rebuild --events N [--keep]}: how fast projection-service rebuilds read models from
 * the event store, on this machine. Standalone: a throw-away PostgreSQL (event store built by command-service's
 * own migrations) is seeded with N realistic events, hash chain and checkpoints included
 * ({@link BenchHistory}); the raw write ceiling of the same server is measured (N rows in 1,000-row multi-row
 * INSERTs, one transaction each); then the packaged projection-service is started on it, with a throw-away Kafka
 * broker, and asked over its admin API to rebuild {@code case_summary} and {@code policies}. Prints figures; asserts
 * nothing. Everything it starts is stopped, and its folder deleted unless {@code --keep}.
 */
final class RebuildBench {

    static final List<String> PROJECTIONS = List.of("case_summary", "policies");
    static final int BATCH = 1_000;
    /** As command-service's sealer: a checkpoint per (at most) this many events. */
    static final int CHECKPOINT_EVENTS = 100_000;
    private static final long SEED = 20_240_601L;
    private static final ObjectMapper JSON = EventJson.storedEventMapper();

    private RebuildBench() {
    }

    record Options(long events, boolean keep) {

        static final long DEFAULT_EVENTS = 1_000_000;

        /** @throws IllegalArgumentException naming what is wrong, for the usage message */
        static Options parse(String[] args) {
            long events = DEFAULT_EVENTS;
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keep" -> keep = true;
                    case "--events" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--events needs a number");
                        }
                        events = events(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(events, keep);
        }

        /** 1000000, 1_000_000 and 1,000,000 alike. */
        private static long events(String value) {
            try {
                long events = Long.parseLong(value.replace("_", "").replace(",", ""));
                if (events < 1) {
                    throw new IllegalArgumentException("--events must be at least 1");
                }
                return events;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--events must be a number, not '" + value + "'");
            }
        }
    }

    static void run(Path root, Options options, PrintStream out, PrintStream terminal)
            throws IOException, SQLException, InterruptedException, ExecutionException {
        Path jar = root.resolve("projection-service/target/projection-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Path scratch = Files.createTempDirectory("leeway-bench-rebuild-");
        // Before any logger exists: the embedded servers and the service log there, not over the figures.
        System.setProperty("leeway.logs", scratch.resolve("logs").toString());
        out.println("Leeway rebuild bench, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        out.println("  machine: " + machine());
        Started started = new Started(scratch, options.keep(), terminal);
        // Ctrl-C too stops what was started: the service and PostgreSQL are processes of their own.
        Thread hook = new Thread(started::close, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            started.postgres = EmbeddedPostgresServer.startPersistent(scratch.resolve("postgres"), FreePorts.next());
            started.postgres.ensureDatabase(LocalInfrastructure.DATABASE);
            String url = started.postgres.jdbcUrl(LocalInfrastructure.DATABASE);
            migrateEventStore(root, url);
            out.println("  database: " + serverVersion(url) + ", embedded, fsync and synchronous_commit on");
            out.println();

            double seeding = seed(url, options.events(), out);
            double raw = rawCeiling(url, options.events(), out);

            started.kafka = KafkaBroker.start(scratch.resolve("kafka"), FreePorts.next(), FreePorts.next());
            LocalTokens tokens = LocalTokens.in(scratch.resolve("keys"));
            int port = FreePorts.next();
            started.service = ServiceProcess.start("projection-service", jar, port,
                    environment(url, started.kafka, tokens, port), scratch.resolve("logs"));
            started.service.awaitHealthy(Duration.ofMinutes(3));
            ProjectionAdminClient client = new ProjectionAdminClient(URI.create(started.service.url()),
                    tokens.mint("bench-operator", List.of(Role.ADMIN.name()), Duration.ofHours(8)));
            List<String> figures = rebuildAll(client, raw, out, terminal);

            String peak = peakRss(started.service.pid());
            out.println();
            out.println("projection-service peak RSS (VmHWM): " + peak + " (JVM run with -Xmx512m)");
            out.println();
            out.printf(Locale.ROOT, "Summary, %s, %s: %,d events (seeded at %,.0f/s); raw ceiling %,.0f rows/s; %s; "
                    + "peak RSS %s%n", LocalDate.now(), machine(), options.events(), seeding, raw,
                    String.join("; ", figures), peak);
            started.succeeded = true;
        } catch (ProjectionAdminClient.AdminApiException e) {
            throw new IllegalStateException("projection-service refused: " + e.describe(), e);
        } finally {
            started.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing left to undo.
            }
        }
    }

    /** What the bench started, stopped once, in reverse order, whether it ends normally, fails or is interrupted. */
    private static final class Started {

        private final Path scratch;
        private final boolean keep;
        private final PrintStream terminal;
        private volatile EmbeddedPostgresServer postgres;
        private volatile KafkaBroker kafka;
        private volatile ServiceProcess service;
        private volatile boolean succeeded;
        private boolean closed;

        Started(Path scratch, boolean keep, PrintStream terminal) {
            this.scratch = scratch;
            this.keep = keep;
            this.terminal = terminal;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (service != null) {
                service.stop();
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
        }
    }

    // ---- the event store --------------------------------------------------------------------------------------

    private static void migrateEventStore(Path root, String url) {
        Path migrations = root.resolve("command-service/src/main/resources/db/migration/event-store");
        if (!Files.isDirectory(migrations)) {
            throw new IllegalStateException(migrations + " is missing: run from a Leeway clone (-Dleeway.root)");
        }
        // The read model is left to projection-service, which migrates it from its own jar at start.
        Flyway.configure()
                .dataSource(url, EmbeddedPostgresServer.SUPERUSER, "")
                .schemas("event_store").defaultSchema("event_store")
                .locations("filesystem:" + migrations)
                .placeholders(Map.of("command_role", "leeway_command", "command_password", "leeway_command",
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection",
                        "query_role", "leeway_query", "query_password", "leeway_query"))
                .load().migrate();
    }

    /**
     * Appends the history as command-service's instances do: several connections at once (one per core, at least
     * two), each aggregate always on the same one so that its events commit in order, the hash-chain trigger firing
     * per row; a checkpoint sealed every 100,000 events, as the sealer does while appends go on.
     */
    /** Answers the events per second. */
    static double seed(String url, long events, PrintStream out)
            throws SQLException, InterruptedException, ExecutionException {
        BenchHistory history = BenchHistory.endingNow(events, SEED);
        int writers = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<BlockingQueue<List<BenchHistory.Row>>> queues = new ArrayList<>();
        List<Future<?>> appenders = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            BlockingQueue<List<BenchHistory.Row>> queue = new ArrayBlockingQueue<>(4);
            queues.add(queue);
            appenders.add(pool.submit(() -> append(url, queue)));
        }
        long checkpoints = 0;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             PreparedStatement createKey = connection.prepareStatement(
                     "INSERT INTO event_store.customer_key (key_id, customer_id, key) VALUES (?, ?, ?)");
             PreparedStatement destroyKeys = connection.prepareStatement("UPDATE event_store.customer_key "
                     + "SET key = NULL, erased_at = now() WHERE customer_id = ? AND key IS NOT NULL")) {
            connection.setAutoCommit(false);
            List<List<BenchHistory.Row>> batches = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                batches.add(new ArrayList<>(BATCH));
            }
            long handedOut = 0;
            while (history.hasNext()) {
                BenchHistory.Row row = history.next();
                int writer = Math.floorMod(row.aggregateId().hashCode(), writers);
                batches.get(writer).add(row);
                if (batches.get(writer).size() == BATCH) {
                    // The keys first: no event is stored sealed with a key that is not.
                    writeKeys(history.takeKeyChanges(), createKey, destroyKeys);
                    connection.commit();
                    hand(batches.set(writer, new ArrayList<>(BATCH)), queues.get(writer), appenders.get(writer));
                }
                if (++handedOut % CHECKPOINT_EVENTS == 0) {
                    checkpoints += seal(connection);
                }
            }
            writeKeys(history.takeKeyChanges(), createKey, destroyKeys);
            connection.commit();
            for (int i = 0; i < writers; i++) {
                hand(batches.get(i), queues.get(i), appenders.get(i));
                hand(List.of(), queues.get(i), appenders.get(i)); // the end
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
            long sealed;
            while ((sealed = seal(connection)) > 0) {
                checkpoints += sealed;
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "Seeded %,d events (%,d cases) in %.1f s: %,.0f events/s, from %d connections, "
                + "hash-chained by the event store's trigger, %,d checkpoints sealed%n", events, history.casesOpened(),
                seconds, events / seconds, writers, checkpoints);
        out.println("  mix: " + history.mix().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getKey() + " " + ProgressBar.count(entry.getValue()))
                .collect(Collectors.joining(", ")));
        return events / seconds;
    }

    /** Queues a batch for its appender, failing at once if the appender has failed. */
    private static void hand(List<BenchHistory.Row> batch, BlockingQueue<List<BenchHistory.Row>> queue,
                             Future<?> appender) throws InterruptedException, ExecutionException {
        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (appender.isDone()) {
                appender.get();
                throw new IllegalStateException("an appender stopped early");
            }
        }
    }

    /** One appender: each batch a multi-row INSERT in a transaction of its own, until an empty batch comes. */
    private static Void append(String url, BlockingQueue<List<BenchHistory.Row>> queue)
            throws SQLException, IOException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(url + "?reWriteBatchedInserts=true",
                EmbeddedPostgresServer.SUPERUSER, "");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier,
                         sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            connection.setAutoCommit(false);
            for (List<BenchHistory.Row> batch = queue.take(); !batch.isEmpty(); batch = queue.take()) {
                for (BenchHistory.Row row : batch) {
                    insert.setString(1, row.eventId().toString());
                    insert.setString(2, row.aggregateId());
                    insert.setLong(3, row.sequence());
                    insert.setString(4, row.aggregateType());
                    insert.setString(5, row.timestamp().toString());
                    insert.setString(6, row.payloadType());
                    insert.setString(7, row.revision());
                    insert.setString(8, JSON.writeValueAsString(row.payload()));
                    insert.setString(9, JSON.writeValueAsString(row.metadata()));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        return null;
    }

    /**
     * Keys in the order they came and went: a customer erased and back again has a destroyed key and a new live
     * one, and only one live key at a time.
     */
    private static void writeKeys(List<BenchHistory.KeyChange> changes, PreparedStatement createKey,
                                  PreparedStatement destroyKeys) throws SQLException {
        boolean pending = false;
        for (BenchHistory.KeyChange change : changes) {
            if (change instanceof BenchHistory.KeyCreated created) {
                createKey.setString(1, created.keyId());
                createKey.setString(2, created.customerId());
                createKey.setBytes(3, created.key());
                createKey.addBatch();
                pending = true;
            } else if (change instanceof BenchHistory.KeysDestroyed destroyed) {
                if (pending) {
                    createKey.executeBatch();
                    pending = false;
                }
                destroyKeys.setString(1, destroyed.customerId());
                destroyKeys.executeUpdate();
            }
        }
        if (pending) {
            createKey.executeBatch();
        }
    }

    /** One checkpoint over the next (at most) 100,000 unsealed events; 0 when there were none. */
    private static long seal(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet sealed = statement.executeQuery("SELECT count(*) FROM event_store.seal_checkpoint("
                     + CHECKPOINT_EVENTS + ")")) {
            sealed.next();
            long count = sealed.getLong(1);
            connection.commit();
            return count;
        }
    }

    // ---- the raw ceiling ----------------------------------------------------------------------------------------

    /**
     * The same number of rows into a plain table (a primary key, as every read-model table has), 1,000 per
     * multi-row INSERT, one transaction each: what this server can take at best with the batching a rebuild uses.
     */
    static double rawCeiling(String url, long rows, PrintStream out) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE public.bench_raw (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)");
            }
            connection.setAutoCommit(false);
            String padding = "x".repeat(160);
            long start = System.nanoTime();
            try (PreparedStatement full = connection.prepareStatement(multiRowInsert(BATCH))) {
                long id = 0;
                while (id < rows) {
                    int size = (int) Math.min(BATCH, rows - id);
                    PreparedStatement insert = size == BATCH ? full : connection.prepareStatement(multiRowInsert(size));
                    for (int i = 0; i < size; i++) {
                        id++;
                        insert.setLong(2 * i + 1, id);
                        insert.setString(2 * i + 2, "row " + id + " " + padding);
                    }
                    insert.executeUpdate();
                    connection.commit();
                    if (insert != full) {
                        insert.close();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = rows / seconds;
            out.printf(Locale.ROOT, "Raw ceiling: %,d rows into a plain table in %.1f s: %,.0f rows/s "
                    + "(%,d-row INSERTs, a transaction each)%n", rows, seconds, rate, BATCH);
            return rate;
        }
    }

    static String multiRowInsert(int rows) {
        return "INSERT INTO public.bench_raw (id, payload) VALUES "
                + String.join(", ", Collections.nCopies(rows, "(?, ?)"));
    }

    // ---- the rebuilds -------------------------------------------------------------------------------------------

    private static Map<String, String> environment(String url, KafkaBroker kafka, LocalTokens tokens, int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LEEWAY_DB_URL", url);
        environment.put("LEEWAY_DB_ADMIN_USER", EmbeddedPostgresServer.SUPERUSER);
        environment.put("LEEWAY_DB_ADMIN_PASSWORD", "");
        environment.put("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("LEEWAY_LOCAL_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
        environment.put("LEEWAY_PROJECTION_PORT", Integer.toString(port));
        return environment;
    }

    /** Rebuilds each projection in turn and answers one summary figure per projection. */
    private static List<String> rebuildAll(ProjectionAdminClient client, double raw, PrintStream out,
                                           PrintStream terminal)
            throws IOException, InterruptedException, ProjectionAdminClient.AdminApiException {
        List<String> listed = client.projections().stream().map(ProjectionAdminClient.ProjectionStatus::name).toList();
        List<String> figures = new ArrayList<>();
        out.println();
        for (String projection : PROJECTIONS) {
            if (!listed.contains(projection)) {
                out.println(projection + ": not in this projection-service (it lists " + listed + "); skipped");
                continue;
            }
            long start = System.nanoTime();
            RebuildStatus status = RebuildCommand.follow(client, projection, false, new ProgressBar(terminal),
                    RebuildCommand.POLL_EVERY);
            double wall = (System.nanoTime() - start) / 1e9;
            // The live read model is empty (nothing came through Kafka): every row differs, no key is worth listing.
            out.println(RebuildCommand.describe(status).get(0));
            if (status.diff() != null) {
                out.println("  rows written: " + status.diff().tables().stream()
                        .map(table -> table.table() + " " + ProgressBar.count(table.shadowRows()))
                        .collect(Collectors.joining(", ")));
            }
            if (status.exitCode() == 0) {
                out.printf(Locale.ROOT, "  => %,.0f events/s, %.2f x the raw ceiling (%.1f s from the request to the "
                        + "swap, as the CLI saw it)%n", status.eventsPerSecond(), status.eventsPerSecond() / raw, wall);
                figures.add(String.format(Locale.ROOT, "%s %,.0f events/s (%.2f x raw)", projection,
                        status.eventsPerSecond(), status.eventsPerSecond() / raw));
            } else {
                figures.add(projection + " " + status.state());
            }
        }
        return figures;
    }

    // ---- the machine --------------------------------------------------------------------------------------------

    static String machine() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal").map(RebuildBench::kilobytes)
                .orElse("unknown memory");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    /** {@code VmHWM} of a process: the most resident memory it ever had. */
    static String peakRss(long pid) {
        return firstValue(Path.of("/proc/" + pid + "/status"), "VmHWM").map(RebuildBench::kilobytes)
                .orElse("unknown (no /proc/" + pid + "/status)");
    }

    /** The value of the first {@code key: value} line of a /proc file. */
    static Optional<String> firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** "24567892 kB" as "23.4 GiB"; anything else as it came. */
    static String kilobytes(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equalsIgnoreCase("kB") || !parts[0].matches("\\d+")) {
            return value;
        }
        double kib = Long.parseLong(parts[0]);
        return kib >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f GiB", kib / (1024 * 1024))
                : String.format(Locale.ROOT, "%.0f MiB", kib / 1024);
    }

    private static String serverVersion(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            return "PostgreSQL " + version.getString(1);
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
