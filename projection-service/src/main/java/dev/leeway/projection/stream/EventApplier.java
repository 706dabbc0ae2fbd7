package dev.leeway.projection.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies a batch of records to the read models in one database transaction: each row's data and its last
 * applied sequence commit together, so a redelivered record is recognised and changes nothing.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final Map<String, Projection> projections;
    private final JdbcTemplate jdbc;

    public EventApplier(List<Projection> projections, JdbcTemplate jdbc) {
        this.projections = projections.stream().collect(Collectors.toMap(Projection::aggregateType, Function.identity()));
        this.jdbc = jdbc;
    }

    @Transactional
    public BatchOutcome applyAll(List<ConsumerRecord<String, String>> records) {
        int applied = 0;
        int duplicates = 0;
        int gaps = 0;
        int rejected = 0;
        long lastEventMillis = 0;
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope event;
            try {
                event = EventEnvelope.from(record);
            } catch (EventEnvelope.NotAnEvent e) {
                log.error("Skipping a record that is not a Leeway event: {}", e.getMessage());
                rejected++;
                continue;
            }
            lastEventMillis = event.timestamp().toEpochMilli();
            Projection projection = projections.get(event.aggregateType());
            if (projection == null) {
                continue; // No read model uses this aggregate type (yet).
            }
            long lastApplied = projection.lockLastApplied(event.aggregateId());
            switch (SequenceCheck.of(lastApplied, event.sequence())) {
                case APPLY -> {
                    projection.apply(event);
                    applied++;
                }
                case ALREADY_APPLIED -> duplicates++;
                case GAP -> {
                    recordGap(event, lastApplied + 1);
                    gaps++;
                }
            }
        }
        return new BatchOutcome(applied, duplicates, gaps, rejected, lastEventMillis);
    }

    /**
     * A gap means an event was lost or reordered on the way. The event is held back rather than applied on top
     * of a missing one, and the gap is recorded where operators look: the log, a metric, and a table.
     */
    private void recordGap(EventEnvelope event, long expected) {
        log.error("Sequence gap for {} {}: expected event {} but received {} (event {}); the event is not applied",
                event.aggregateType(), event.aggregateId(), expected, event.sequence(), event.eventId());
        jdbc.update("""
                        INSERT INTO read_model.sequence_gap
                            (aggregate_type, aggregate_id, expected_sequence, received_sequence, event_id, detected_at)
                        VALUES (?, ?, ?, ?, ?, now())""",
                event.aggregateType(), event.aggregateId(), expected, event.sequence(), event.eventId());
    }
}
