package dev.leeway.projection.stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code projection_position}: per projection and aggregate, the last sequence applied. Unqualified, like the
 * projections' own tables, so a rebuild into the shadow schema keeps its positions there.
 */
@Component
class Positions implements PositionBook {

    private static final String ADVANCE = """
            INSERT INTO projection_position (projection, aggregate_type, aggregate_id, last_sequence)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (projection, aggregate_type, aggregate_id)
            DO UPDATE SET last_sequence = excluded.last_sequence""";

    private final JdbcTemplate jdbc;

    Positions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long lock(AggregateRef aggregate) {
        List<Long> rows = jdbc.queryForList("""
                        SELECT last_sequence FROM projection_position
                        WHERE projection = ? AND aggregate_type = ? AND aggregate_id = ? FOR UPDATE""",
                Long.class, aggregate.projection(), aggregate.type(), aggregate.id());
        return rows.isEmpty() ? SequenceCheck.NOTHING_APPLIED : rows.get(0);
    }

    @Override
    public void advance(AggregateRef aggregate, long sequence) {
        jdbc.update(ADVANCE, aggregate.projection(), aggregate.type(), aggregate.id(), sequence);
    }

    /**
     * The positions of {@code aggregates}, locked in key order (so two batches, or a batch and a replay, never
     * wait for each other crosswise) with one statement; those with none yet are absent.
     */
    BatchPositions lockAll(Collection<AggregateRef> aggregates) {
        List<AggregateRef> keys = List.copyOf(new LinkedHashSet<>(aggregates));
        Map<AggregateRef, Long> locked = new HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.query("""
                            SELECT p.projection, p.aggregate_type, p.aggregate_id, p.last_sequence
                            FROM projection_position p
                            JOIN unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS k(projection, aggregate_type,
                                                                                      aggregate_id)
                              ON p.projection = k.projection AND p.aggregate_type = k.aggregate_type
                             AND p.aggregate_id = k.aggregate_id
                            ORDER BY 1, 2, 3
                            FOR UPDATE OF p""",
                    (RowCallbackHandler) row -> locked.put(new AggregateRef(row.getString(1), row.getString(2),
                            row.getString(3)), row.getLong(4)),
                    keys.stream().map(AggregateRef::projection).toArray(String[]::new),
                    keys.stream().map(AggregateRef::type).toArray(String[]::new),
                    keys.stream().map(AggregateRef::id).toArray(String[]::new));
        }
        for (AggregateRef key : keys) {
            locked.putIfAbsent(key, SequenceCheck.NOTHING_APPLIED);
        }
        return new BatchPositions(this, locked);
    }

    /** Moves every position in {@code moved} with one batched statement. */
    void advanceAll(Map<AggregateRef, Long> moved) {
        if (moved.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(moved.size());
        moved.forEach((aggregate, sequence) -> rows.add(new Object[]{aggregate.projection(), aggregate.type(),
                aggregate.id(), sequence}));
        jdbc.batchUpdate(ADVANCE, rows);
    }
}
