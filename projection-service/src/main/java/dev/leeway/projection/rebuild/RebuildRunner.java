package dev.leeway.projection.rebuild;

import dev.leeway.projection.stream.BulkRebuild;
import dev.leeway.projection.stream.EventDecoding;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.EventPlacer;
import dev.leeway.projection.stream.EventStoreReader;
import dev.leeway.projection.stream.EventStoreReader.PositionedEvent;
import dev.leeway.projection.stream.ParkedEvents;
import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.StreamTransactions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Rebuilds one read model from the event store (not Kafka: its retention is finite) while the live one keeps
 * serving: replay everything into shadow tables, catch up with what the live stream has applied meanwhile,
 * compare, and swap in one transaction. A rebuild killed at any point leaves the live read model untouched; the
 * next one starts from empty shadow tables.
 */
@Component
class RebuildRunner {

    private final EventStoreReader store;
    private final EventPlacer placer;
    private final EventDecoding decoding;
    private final StreamTransactions transactions;
    private final ParkedEvents parked;
    private final ShadowTables shadow;
    private final int batchSize;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    RebuildRunner(EventStoreReader store, EventPlacer placer, EventDecoding decoding, StreamTransactions transactions,
                  ParkedEvents parked, ShadowTables shadow, JdbcTemplate jdbc, DataSource dataSource,
                  @Value("${leeway.projection.rebuild.batch-size:2000}") int batchSize) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.store = store;
        this.placer = placer;
        this.decoding = decoding;
        this.transactions = transactions;
        this.parked = parked;
        this.shadow = shadow;
        this.batchSize = batchSize;
    }

    void run(Projection projection, Rebuild rebuild) {
        transactions.inTransaction(() -> {
            shadow.prepare(projection);
            return null;
        });
        rebuild.total(store.count(projection.aggregateTypes()));
        long position = projection instanceof BulkRebuild bulk ? bulk(projection, bulk, rebuild)
                : replay(projection, rebuild, 0);
        rebuild.now(RebuildState.CATCHING_UP);
        position = replay(projection, rebuild, position);
        long caughtUpTo = position;
        RebuildState last = transactions.inShadowTransaction(() -> {
            // Live batches wait from here to the commit: the shadow catches up with exactly what they applied.
            parked.excludeBatches();
            replay(projection, rebuild, caughtUpTo);
            for (ShadowTables.Behind behind : shadow.behindLive(projection)) {
                List<EventEnvelope> missing = store.events(behind.aggregateType(), behind.aggregateId(),
                        behind.shadowSequence() + 1, behind.liveSequence() + 1);
                missing.forEach(event -> place(projection, event));
            }
            rebuild.now(RebuildState.COMPARING);
            RebuildView.DiffView diff = shadow.compare(projection);
            rebuild.compared(diff);
            if (rebuild.dryRun()) {
                return diff.differs() ? RebuildState.DIFFERENT : RebuildState.SAME;
            }
            shadow.swap(projection);
            parked.forget(projection.name());
            return RebuildState.SWAPPED;
        });
        transactions.inTransaction(() -> {
            shadow.drop(projection);
            return null;
        });
        rebuild.finish(last);
    }

    /**
     * The history up to today's last position, aggregate by aggregate, folded in memory and written once per row;
     * that position. What is appended meanwhile is replayed event by event afterwards, like any catch-up.
     */
    private long bulk(Projection projection, BulkRebuild bulk, Rebuild rebuild) {
        long upTo = store.lastPosition();
        transactions.inShadowTransaction(() -> jdbc.execute((ConnectionCallback<Void>) writer -> {
            StoreBulkReplay replay = new StoreBulkReplay(dataSource, writer, decoding, projection.name(), upTo,
                    rebuild);
            bulk.rebuild(replay);
            replay.finish();
            return null;
        }));
        return upTo;
    }

    /** Applies the store's events after {@code position} to the shadow, a batch per transaction; the new position. */
    private long replay(Projection projection, Rebuild rebuild, long position) {
        while (true) {
            long from = position;
            List<PositionedEvent> batch = store.after(from, projection.aggregateTypes(), batchSize);
            if (batch.isEmpty()) {
                return position;
            }
            transactions.inShadowTransaction(() -> {
                batch.forEach(event -> place(projection, event.event()));
                return null;
            });
            position = batch.get(batch.size() - 1).globalIndex();
            rebuild.done(rebuild.eventsDone() + batch.size());
        }
    }

    private void place(Projection projection, EventEnvelope event) {
        placer.place(projection, event, () -> decoding.decode(event));
    }
}
