package dev.leeway.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.kernel.codec.EventJson;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Writes a {@link BenchHistory} into an event store (built by command-service's migrations) as command-service
 * would have appended it: through the hash-chain trigger, with the customer keys its sealed texts need, and with
 * checkpoints sealed as it goes. Shared by the standalone benches.
 */
final class BenchSeeder {

    /** Events per multi-row INSERT, a transaction each. */
    static final int BATCH = 1_000;
    /** As command-service's sealer: a checkpoint per (at most) this many events. */
    static final int CHECKPOINT_EVENTS = 100_000;
    /** Every bench seeds the same history for the same number of events and shape. */
    static final long SEED = 20_240_601L;
    private static final ObjectMapper JSON = EventJson.storedEventMapper();

    private BenchSeeder() {
    }

    /**
     * Appends the history as command-service's instances do: several connections at once (one per core, at least
     * two), each aggregate always on the same one so that its events commit in order, the hash-chain trigger firing
     * per row; a checkpoint sealed every 100,000 events, as the sealer does while appends go on. Answers the events
     * per second.
     */
    static double seed(String url, String keyVaultUrl, BenchHistory history, PrintStream out)
            throws SQLException, InterruptedException, ExecutionException {
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
        long handedOut = 0;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             Connection vault = DriverManager.getConnection(keyVaultUrl, EmbeddedPostgresServer.SUPERUSER, "");
             PreparedStatement createKey = vault.prepareStatement(
                     "INSERT INTO key_vault.customer_key (key_id, customer_id, key) VALUES (?, ?, ?)");
             PreparedStatement destroyKeys = vault.prepareStatement("UPDATE key_vault.customer_key "
                     + "SET key = NULL, erased_at = now() WHERE customer_id = ? AND key IS NOT NULL")) {
            connection.setAutoCommit(false);
            List<List<BenchHistory.Row>> batches = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                batches.add(new ArrayList<>(BATCH));
            }
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
                + "hash-chained by the event store's trigger, %,d checkpoints sealed%n", handedOut,
                history.casesOpened(), seconds, handedOut / seconds, writers, checkpoints);
        out.println("  mix: " + history.mix().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getKey() + " " + ProgressBar.count(entry.getValue()))
                .collect(Collectors.joining(", ")));
        return handedOut / seconds;
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
}
