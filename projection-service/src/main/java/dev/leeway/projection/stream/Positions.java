package dev.leeway.projection.stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code projection_position}: per projection and aggregate, the last sequence applied. Unqualified, like the
 * projections' own tables, so a rebuild into the shadow schema keeps its positions there.
 */
@Component
class Positions {

    private final JdbcTemplate jdbc;

    Positions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The last sequence applied, or {@link SequenceCheck#NOTHING_APPLIED}; locked until the transaction ends. */
    long lock(AggregateRef aggregate) {
        List<Long> rows = jdbc.queryForList("""
                        SELECT last_sequence FROM projection_position
                        WHERE projection = ? AND aggregate_type = ? AND aggregate_id = ? FOR UPDATE""",
                Long.class, aggregate.projection(), aggregate.type(), aggregate.id());
        return rows.isEmpty() ? SequenceCheck.NOTHING_APPLIED : rows.get(0);
    }

    void advance(AggregateRef aggregate, long sequence) {
        jdbc.update("""
                        INSERT INTO projection_position (projection, aggregate_type, aggregate_id, last_sequence)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (projection, aggregate_type, aggregate_id)
                        DO UPDATE SET last_sequence = excluded.last_sequence""",
                aggregate.projection(), aggregate.type(), aggregate.id(), sequence);
    }
}
