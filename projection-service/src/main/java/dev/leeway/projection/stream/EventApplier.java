package dev.leeway.projection.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies a batch of records to the read models in one database transaction: each row's data and its last
 * applied sequence commit together, so a redelivered record is recognised and changes nothing.
 * <p>
 * An event that cannot be applied (its payload cannot be read, its handler throws, the database refuses its
 * row) is parked with the reason, and its aggregate's later events are parked behind it; every other aggregate
 * moves on. A failure of the database itself (unreachable, a lock conflict) fails the batch instead, to be
 * retried: nothing is skipped or parked because the database was away.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final Map<String, Projection> projections;
    private final JdbcTemplate jdbc;
    private final ParkedEvents parked;
    private final StreamTransactions transactions;

    EventApplier(List<Projection> projections, JdbcTemplate jdbc, ParkedEvents parked,
                 StreamTransactions transactions) {
        this.projections = projections.stream().collect(Collectors.toMap(Projection::aggregateType, Function.identity()));
        this.jdbc = jdbc;
        this.parked = parked;
        this.transactions = transactions;
    }

    /**
     * The batch is first applied as it is. Only if an event fails is it applied again, each event in its own
     * savepoint: savepoints that write are subtransactions, and past 64 of them in one transaction PostgreSQL
     * slows down snapshots for every session (query-service's reads included), so they are kept for batches
     * that need them.
     */
    public BatchOutcome applyAll(List<ConsumerRecord<String, String>> records) {
        BatchProgress batch;
        try {
            batch = transactions.inTransaction(() -> apply(records, false));
        } catch (RuntimeException e) {
            if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                throw e;
            }
            log.info("A batch of {} records failed ({}); applying it again event by event to park what cannot be "
                    + "applied", records.size(), FailureReason.of(e));
            batch = transactions.inTransaction(() -> apply(records, true));
        }
        batch.report();
        if (batch.parkedBehind() > 0) {
            log.info("Parked behind an earlier parked event of their aggregate: {} events", batch.parkedBehind());
        }
        return batch.outcome();
    }

    private BatchProgress apply(List<ConsumerRecord<String, String>> records, boolean eachInSavepoint) {
        BatchProgress batch = new BatchProgress();
        List<Received> events = read(records, batch);
        if (events.isEmpty()) {
            return batch;
        }
        parked.shareWithOtherBatches();
        Set<String> aggregateIds = events.stream().map(received -> received.event().aggregateId())
                .collect(Collectors.toSet());
        Map<AggregateRef, Blocker> blockers = parked.blockersAmong(aggregateIds);
        for (Received received : events) {
            EventEnvelope event = received.event();
            Projection projection = projections.get(event.aggregateType());
            Blocker blocker = blockers.get(AggregateRef.of(event));
            if (blocker != null) {
                waitBehind(projection, received, blocker, eachInSavepoint, batch);
            } else if (!eachInSavepoint) {
                count(place(projection, event), event, batch);
            } else {
                try {
                    count(transactions.inSavepoint(() -> place(projection, event)), event, batch);
                } catch (RuntimeException e) {
                    if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                        throw e;
                    }
                    blockers.put(AggregateRef.of(event), parkFirst(received, e, batch));
                }
            }
        }
        return batch;
    }

    /** The records that are Leeway events of an aggregate type some read model uses. */
    private List<Received> read(List<ConsumerRecord<String, String>> records, BatchProgress batch) {
        List<Received> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope event;
            try {
                event = EventEnvelope.from(record);
            } catch (EventEnvelope.NotAnEvent e) {
                batch.rejected(() -> log.error("Skipping a record that is not a Leeway event: {}", e.getMessage()));
                continue;
            }
            batch.saw(event);
            if (projections.containsKey(event.aggregateType())) {
                events.add(new Received(record, event));
            } // else no read model uses this aggregate type (yet).
        }
        return events;
    }

    private Placement place(Projection projection, EventEnvelope event) {
        Placement placement = Placement.applyIfNext(projection, event);
        if (placement.check() == SequenceCheck.GAP) {
            recordGap(event, placement.expected());
        }
        return placement;
    }

    private void count(Placement placement, EventEnvelope event, BatchProgress batch) {
        switch (placement.check()) {
            case APPLY -> batch.applied();
            case ALREADY_APPLIED -> batch.duplicate();
            case GAP -> batch.gap(() -> log.error("Sequence gap for {} {}: expected event {} but received {} (event {}); "
                            + "the event is not applied", event.aggregateType(), event.aggregateId(),
                    placement.expected(), event.sequence(), event.eventId()));
        }
    }

    private Blocker parkFirst(Received received, RuntimeException failure, BatchProgress batch) {
        EventEnvelope event = received.event();
        String reason = FailureReason.of(failure);
        long id = parked.park(received.record(), event, reason, null).orElseThrow(() -> new IllegalStateException(
                "event " + event.eventId() + " is parked already, but its aggregate had no parked events"));
        batch.parked(() -> log.error("Parked event {} ({}) of {} {} at sequence {} as parked event {}: {}. Later "
                        + "events of this {} wait behind it; all others move on. Fix the cause, then replay with "
                        + "POST /projections/parked/replay.", event.eventId(), event.eventType(), event.aggregateType(),
                event.aggregateId(), event.sequence(), id, reason, event.aggregateType()));
        return new Blocker(id, event.sequence());
    }

    /** Parked, not applied and not taken for a gap: the events before it are not all applied yet. */
    private void waitBehind(Projection projection, Received received, Blocker blocker, boolean eachInSavepoint,
                            BatchProgress batch) {
        EventEnvelope event = received.event();
        if (alreadyApplied(projection, event, eachInSavepoint)) {
            batch.duplicate();
            return;
        }
        parked.park(received.record(), event, blocker.reasonToWait(), blocker.parkedId()).ifPresentOrElse(
                id -> batch.parkedBehind(() -> log.debug("Parked event {} of {} {} at sequence {} as {}: {}",
                        event.eventId(), event.aggregateType(), event.aggregateId(), event.sequence(), id,
                        blocker.reasonToWait())),
                batch::duplicate);
    }

    /** A redelivered event from before the blocker changes nothing; one whose position cannot be read is parked. */
    private boolean alreadyApplied(Projection projection, EventEnvelope event, boolean inSavepoint) {
        if (!inSavepoint) {
            return projection.lockLastApplied(event.aggregateId()) >= event.sequence();
        }
        try {
            return transactions.inSavepoint(() -> projection.lockLastApplied(event.aggregateId()) >= event.sequence());
        } catch (RuntimeException e) {
            if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                throw e;
            }
            return false;
        }
    }

    /**
     * A gap means an event was lost or reordered on the way. The event is held back rather than applied on top
     * of a missing one, and the gap is recorded where operators look: the log, a metric, and a table.
     */
    private void recordGap(EventEnvelope event, long expected) {
        jdbc.update("""
                        INSERT INTO read_model.sequence_gap
                            (aggregate_type, aggregate_id, expected_sequence, received_sequence, event_id, detected_at)
                        VALUES (?, ?, ?, ?, ?, now())""",
                event.aggregateType(), event.aggregateId(), expected, event.sequence(), event.eventId());
    }

    private record Received(ConsumerRecord<String, String> record, EventEnvelope event) {
    }
}
