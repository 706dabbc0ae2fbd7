package dev.leeway.projection.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code read_model.parked_event}, as the stream and replay write it. */
@Component
public class ParkedEvents {

    /**
     * Batches hold this advisory lock shared, replay holds it exclusively: a batch never reads an aggregate's
     * parked rows while a replay is releasing them, so no event is parked behind a blocker that is already gone.
     */
    private static final long PARKING_LOCK = 0x4C65657761795045L;

    private final JdbcTemplate jdbc;

    ParkedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void shareWithOtherBatches() {
        jdbc.queryForList("SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(?)) AS held", PARKING_LOCK);
    }

    public void excludeBatches() {
        jdbc.queryForList("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS held", PARKING_LOCK);
    }

    /** The blockers of those aggregates of a batch that have parked events, per projection: one query per batch. */
    Map<AggregateRef, Blocker> blockersAmong(Collection<String> aggregateIds) {
        Map<AggregateRef, Blocker> blockers = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return blockers;
        }
        jdbc.query("""
                        SELECT DISTINCT ON (projection, aggregate_id, aggregate_type)
                               projection, aggregate_type, aggregate_id, id, sequence
                        FROM read_model.parked_event
                        WHERE aggregate_id = ANY (?)
                        ORDER BY projection, aggregate_id, aggregate_type, sequence""",
                statement -> statement.setArray(1, statement.getConnection()
                        .createArrayOf("varchar", aggregateIds.toArray())),
                row -> {
                    blockers.put(new AggregateRef(row.getString("projection"), row.getString("aggregate_type"),
                            row.getString("aggregate_id")), new Blocker(row.getLong("id"), row.getLong("sequence")));
                });
        return blockers;
    }

    /** The new row's id, or empty if this event of the aggregate is parked already (a redelivery). */
    Optional<Long> park(AggregateRef aggregate, ConsumerRecord<String, String> record, EventEnvelope event,
                        String reason, Long waitingBehind) {
        List<Long> ids = jdbc.queryForList("""
                        INSERT INTO read_model.parked_event
                            (projection, aggregate_type, aggregate_id, sequence, event_id, event_type, revision,
                             event_timestamp, payload, metadata, kafka_topic, kafka_partition, kafka_offset,
                             waiting_behind, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT ON CONSTRAINT parked_event_once DO NOTHING
                        RETURNING id""", Long.class,
                aggregate.projection(), event.aggregateType(), event.aggregateId(), event.sequence(), event.eventId(), event.eventType(),
                new SqlParameterValue(Types.VARCHAR, event.revision()), Timestamp.from(event.timestamp()),
                new SqlParameterValue(Types.BINARY, event.payload() == null ? null
                        : event.payload().getBytes(StandardCharsets.UTF_8)),
                event.metadata(),
                record.topic(), record.partition(), record.offset(),
                new SqlParameterValue(Types.BIGINT, waitingBehind), reason);
        return ids.stream().findFirst();
    }

    /** Aggregates with parked events, those parked longest first. */
    List<AggregateRef> aggregates() {
        return jdbc.query("""
                        SELECT projection, aggregate_type, aggregate_id FROM read_model.parked_event
                        GROUP BY projection, aggregate_type, aggregate_id ORDER BY min(id)""",
                (row, n) -> new AggregateRef(row.getString("projection"), row.getString("aggregate_type"),
                        row.getString("aggregate_id")));
    }

    /** An aggregate's parked events in sequence order, locked until the caller's transaction ends. */
    List<ParkedEvent> lockAll(AggregateRef aggregate) {
        return jdbc.query("""
                        SELECT * FROM read_model.parked_event
                        WHERE projection = ? AND aggregate_id = ? AND aggregate_type = ?
                        ORDER BY sequence FOR UPDATE""",
                (row, n) -> {
                    byte[] payload = row.getBytes("payload");
                    EventEnvelope event = new EventEnvelope(row.getString("event_id"), row.getString("event_type"),
                            row.getString("revision"), row.getString("aggregate_type"), row.getString("aggregate_id"),
                            row.getLong("sequence"), row.getTimestamp("event_timestamp").toInstant(),
                            payload == null ? null : new String(payload, StandardCharsets.UTF_8),
                            row.getString("metadata"));
                    return new ParkedEvent(row.getLong("id"), event, row.getObject("waiting_behind", Long.class),
                            row.getString("reason"));
                }, aggregate.projection(), aggregate.id(), aggregate.type());
    }

    /** After a rebuild swapped in a read model that applied every event, its parked events are moot. */
    public int forget(String projection) {
        return jdbc.update("DELETE FROM read_model.parked_event WHERE projection = ?", projection);
    }

    /** How many events are parked for a projection, and the newest reason. */
    public ParkedSummary summary(String projection) {
        return jdbc.queryForObject("""
                        SELECT count(*) AS events,
                               (SELECT reason FROM read_model.parked_event WHERE projection = ? AND waiting_behind IS NULL
                                ORDER BY id DESC LIMIT 1) AS reason
                        FROM read_model.parked_event WHERE projection = ?""",
                (row, n) -> new ParkedSummary(row.getInt("events"), row.getString("reason")), projection, projection);
    }

    public record ParkedSummary(int events, String lastReason) {
    }

    void release(long id) {
        jdbc.update("DELETE FROM read_model.parked_event WHERE id = ?", id);
    }

    void keep(long id, String reason, Long waitingBehind) {
        jdbc.update("UPDATE read_model.parked_event SET reason = ?, waiting_behind = ? WHERE id = ?",
                reason, new SqlParameterValue(Types.BIGINT, waitingBehind), id);
    }
}
