package dev.leeway.projection.parking;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Parked events page by page, an aggregate's together in sequence order; payloads only by their size. */
@Component
class ParkedEventListing {

    private final JdbcTemplate jdbc;

    ParkedEventListing(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ParkedEventPageView page(int page, int size) {
        var items = jdbc.query("""
                        SELECT id, aggregate_type, aggregate_id, sequence, event_id, event_type, revision, waiting_behind,
                               reason, parked_at, coalesce(octet_length(payload), 0) AS payload_bytes, kafka_topic,
                               kafka_partition, kafka_offset
                        FROM read_model.parked_event
                        ORDER BY aggregate_id, aggregate_type, sequence
                        LIMIT ? OFFSET ?""",
                (row, n) -> new ParkedEventView(row.getLong("id"), row.getString("aggregate_type"),
                        row.getString("aggregate_id"), row.getLong("sequence"), row.getString("event_id"),
                        row.getString("event_type"), row.getString("revision"),
                        row.getObject("waiting_behind", Long.class), row.getString("reason"),
                        row.getTimestamp("parked_at").toInstant(), row.getInt("payload_bytes"),
                        row.getString("kafka_topic"), row.getInt("kafka_partition"), row.getLong("kafka_offset")),
                size, (long) page * size);
        Long total = jdbc.queryForObject("SELECT count(*) FROM read_model.parked_event", Long.class);
        return new ParkedEventPageView(items, page, size, total == null ? 0 : total);
    }
}
