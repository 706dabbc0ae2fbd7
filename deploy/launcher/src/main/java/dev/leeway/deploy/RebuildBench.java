package dev.leeway.deploy;

import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.kernel.identity.Role;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * {@code deploy/leeway bench rebuild --events N [--keep]}: how fast projection-service rebuilds read models from
 * the event store, on this machine. Standalone ({@link BenchPlatform}): a throw-away PostgreSQL (event store built
 * by command-service's own migrations) is seeded with N realistic events, hash chain and checkpoints included
 * ({@link BenchHistory} with bends even over the policies, written by {@link BenchSeeder}); the raw write ceiling of
 * the same server is measured (N rows in 1,000-row multi-row INSERTs, one transaction each); then the packaged
 * projection-service is started on it, with a throw-away Kafka broker, and asked over its admin API to rebuild
 * {@code case_summary} and {@code policies}. Prints figures; asserts nothing. Everything it starts is stopped, and
 * its folder deleted unless {@code --keep}.
 */
final class RebuildBench {

    static final List<String> PROJECTIONS = List.of("case_summary", "policies");
    /** Rows per multi-row INSERT of the raw ceiling: the batching a rebuild uses. */
    static final int BATCH = 1_000;

    private RebuildBench() {
    }

    static void run(Path root, BenchOptions options, PrintStream out, PrintStream terminal)
            throws IOException, SQLException, InterruptedException, ExecutionException {
        BenchPlatform.jar(root, "projection-service");
        try (BenchPlatform platform = BenchPlatform.open(root, "rebuild", options.keep(), terminal)) {
            out.println("Leeway rebuild bench, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            out.println("  machine: " + BenchMachine.describe());
            String url = platform.startEventStore();
            out.println("  database: " + platform.serverVersion() + ", embedded, fsync and synchronous_commit on");
            out.println();

            double seeding = BenchSeeder.seed(url, platform.keyVaultUrl(),
                    BenchHistory.endingNow(options.events(), BenchSeeder.SEED, BenchHistory.Shape.EVEN), out);
            double raw = rawCeiling(url, options.events(), out);

            platform.startKafka();
            ServiceProcess service = platform.startService("projection-service", "LEEWAY_PROJECTION_PORT", Map.of());
            ProjectionAdminClient client = new ProjectionAdminClient(URI.create(service.url()),
                    platform.tokens().mint("bench-operator", List.of(Role.ADMIN.name()), Duration.ofHours(8)));
            List<String> figures = rebuildAll(client, raw, out, terminal);

            String peak = BenchMachine.peakRss(service.pid());
            out.println();
            out.println("projection-service peak RSS (VmHWM): " + peak + " (JVM run with -Xmx512m)");
            out.println();
            out.printf(Locale.ROOT, "Summary, %s, %s: %,d events (seeded at %,.0f/s); raw ceiling %,.0f rows/s; %s; "
                    + "peak RSS %s%n", LocalDate.now(), BenchMachine.describe(), options.events(), seeding, raw,
                    String.join("; ", figures), peak);
            platform.succeeded();
        } catch (ProjectionAdminClient.AdminApiException e) {
            throw new IllegalStateException("projection-service refused: " + e.describe(), e);
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
}
