package dev.leeway.projection.stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The event store, read as projection-service may (SELECT only): the source of truth when Kafka did not deliver
 * an event, and for rebuilds. Events come as envelopes, exactly as the publisher would have sent them.
 */
@Component
public class EventStoreReader {

    static final RowMapper<EventEnvelope> ENVELOPE = (row, n) -> new EventEnvelope(
            row.getString("event_identifier"), row.getString("payload_type"), row.getString("payload_revision"),
            row.getString("type"), row.getString("aggregate_identifier"), row.getLong("sequence_number"),
            Instant.parse(row.getString("time_stamp")), row.getString("payload"));

    private final JdbcTemplate jdbc;

    EventStoreReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive) of one aggregate, in order. */
    List<EventEnvelope> events(String aggregateType, String aggregateId, long from, long to) {
        return jdbc.query("""
                        SELECT event_identifier, payload_type, payload_revision, type, aggregate_identifier,
                               sequence_number, time_stamp, payload
                        FROM event_store.domain_event_entry
                        WHERE aggregate_identifier = ? AND type = ? AND sequence_number >= ? AND sequence_number < ?
                        ORDER BY sequence_number""",
                ENVELOPE, aggregateId, aggregateType, from, to);
    }
}
