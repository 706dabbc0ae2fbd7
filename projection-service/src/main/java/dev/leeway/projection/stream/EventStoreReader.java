package dev.leeway.projection.stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The event store, read as projection-service may (SELECT only): the source of truth when Kafka did not deliver
 * an event, and for rebuilds. Events come as envelopes, exactly as the publisher would have sent them.
 */
@Component
public class EventStoreReader {

    /** An event-store row (with these columns, meta_data included) as the envelope the publisher sends. */
    public static final RowMapper<EventEnvelope> ENVELOPE = (row, n) -> new EventEnvelope(
            row.getString("event_identifier"), row.getString("payload_type"), row.getString("payload_revision"),
            row.getString("type"), row.getString("aggregate_identifier"), row.getLong("sequence_number"),
            Instant.parse(row.getString("time_stamp")), row.getString("payload"), row.getString("meta_data"));

    private final JdbcTemplate jdbc;

    EventStoreReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global position of the store's newest event (0 when empty). */
    public long lastPosition() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry",
                Long.class);
    }

    /** How many events of these aggregate types the store holds. */
    public long count(Collection<String> aggregateTypes) {
        return jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry WHERE type = ANY (?)",
                Long.class, (Object) aggregateTypes.toArray(String[]::new));
    }

    /** Up to {@code limit} events of these aggregate types after global position {@code after}, in global order. */
    public List<PositionedEvent> after(long after, Collection<String> aggregateTypes, int limit) {
        return jdbc.query("""
                        SELECT global_index, event_identifier, payload_type, payload_revision, type,
                               aggregate_identifier, sequence_number, time_stamp, payload, meta_data
                        FROM event_store.domain_event_entry
                        WHERE global_index > ? AND type = ANY (?)
                        ORDER BY global_index LIMIT ?""",
                (row, n) -> new PositionedEvent(row.getLong("global_index"), ENVELOPE.mapRow(row, n)),
                after, aggregateTypes.toArray(String[]::new), limit);
    }

    /** An event and its place in the store's global order. */
    public record PositionedEvent(long globalIndex, EventEnvelope event) {
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive) of one aggregate, in order. */
    public List<EventEnvelope> events(String aggregateType, String aggregateId, long from, long to) {
        return jdbc.query("""
                        SELECT event_identifier, payload_type, payload_revision, type, aggregate_identifier,
                               sequence_number, time_stamp, payload, meta_data
                        FROM event_store.domain_event_entry
                        WHERE aggregate_identifier = ? AND type = ? AND sequence_number >= ? AND sequence_number < ?
                        ORDER BY sequence_number""",
                ENVELOPE, aggregateId, aggregateType, from, to);
    }
}
