package dev.leeway.projection.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a batch of records to every read model that reads them, in one database transaction: each
 * projection's rows and its position commit together, so a redelivered record is recognised and changes nothing.
 * <p>
 * An event that cannot be applied to a projection (its payload cannot be read, its handler throws, the database
 * refuses its row) is parked for that projection with the reason, and that aggregate's later events wait behind
 * it there; every other aggregate and every other projection moves on. A failure of the database itself
 * (unreachable, a lock conflict) fails the batch instead, to be retried: nothing is skipped or parked because the
 * database was away.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final ProjectionCatalog projections;
    private final ParkedEvents parked;
    private final StreamTransactions transactions;
    private final EventPlacer placer;
    private final EventDecoding decoding;
    private final Positions positions;

    EventApplier(ProjectionCatalog projections, ParkedEvents parked, StreamTransactions transactions,
                 EventPlacer placer, EventDecoding decoding, Positions positions) {
        this.projections = projections;
        this.positions = positions;
        this.parked = parked;
        this.transactions = transactions;
        this.placer = placer;
        this.decoding = decoding;
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
        BatchPositions batchPositions = positions.lockAll(events.stream().flatMap(received ->
                projections.readersOf(received.event().aggregateType()).stream()
                        .map(projection -> AggregateRef.of(projection, received.event()))).toList());
        if (!eachInSavepoint) {
            for (Projection projection : projections.all()) {
                projection.beginBatch(events.stream().map(Received::event)
                        .filter(event -> projection.aggregateTypes().contains(event.aggregateType())).toList());
            }
        }
        try {
            placeAll(events, eachInSavepoint, blockers, batchPositions, batch);
            if (!eachInSavepoint) {
                projections.all().forEach(Projection::writeBatch);
            }
        } finally {
            if (!eachInSavepoint) {
                projections.all().forEach(Projection::endBatch);
            }
        }
        batchPositions.write();
        return batch;
    }

    private void placeAll(List<Received> events, boolean eachInSavepoint, Map<AggregateRef, Blocker> blockers,
                          BatchPositions batchPositions, BatchProgress batch) {
        for (Received received : events) {
            EventEnvelope event = received.event();
            Decoded decoded = new Decoded(decoding, event);
            for (Projection projection : projections.readersOf(event.aggregateType())) {
                AggregateRef aggregate = AggregateRef.of(projection, event);
                Blocker blocker = blockers.get(aggregate);
                if (blocker != null) {
                    waitBehind(aggregate, received, blocker, batch, batchPositions);
                } else if (!eachInSavepoint) {
                    count(placer.place(projection, event, decoded::payload, batchPositions), aggregate, received,
                            batch, blockers);
                } else {
                    try {
                        Placement placement = transactions.inSavepoint(() ->
                                placer.place(projection, event, decoded::payload, batchPositions));
                        count(placement, aggregate, received, batch, blockers);
                    } catch (RuntimeException e) {
                        if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                            throw e;
                        }
                        blockers.put(aggregate, parkFirst(aggregate, received, FailureReason.of(e), batch));
                    }
                }
            }
        }
    }

    /** The records that are Leeway events of an aggregate type some read model reads. */
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
            if (!projections.readersOf(event.aggregateType()).isEmpty()) {
                events.add(new Received(record, event));
            } // else no read model uses this aggregate type (yet).
        }
        return events;
    }

    private void count(Placement placement, AggregateRef aggregate, Received received, BatchProgress batch,
                       Map<AggregateRef, Blocker> blockers) {
        EventEnvelope event = received.event();
        switch (placement.check()) {
            case APPLY -> {
                batch.applied();
                if (placement.filled() > 0) {
                    batch.gap(() -> log.warn("Sequence gap for {}: expected event {} but received {} (event {}); "
                                    + "filled the {} missing events from the event store", aggregate,
                            placement.expected(), event.sequence(), event.eventId(), placement.filled()));
                }
            }
            case ALREADY_APPLIED -> batch.duplicate();
            case GAP -> blockers.put(aggregate, parkFirst(aggregate, received,
                    FailureReason.gap(placement.expected(), event.sequence()) + ", and the event store does not "
                            + "have the missing events", batch));
        }
    }

    private Blocker parkFirst(AggregateRef aggregate, Received received, String reason, BatchProgress batch) {
        EventEnvelope event = received.event();
        long id = parked.park(aggregate, received.record(), event, reason, null).orElseThrow(() ->
                new IllegalStateException("event " + event.eventId() + " is parked already for " + aggregate
                        + ", but that aggregate had no parked events"));
        batch.parked(() -> log.error("Parked event {} ({}) of {} at sequence {} as parked event {}: {}. Later "
                        + "events of this aggregate wait behind it in this read model; all others move on. Fix the "
                        + "cause, then replay with POST /projections/parked/replay.", event.eventId(),
                event.eventType(), aggregate, event.sequence(), id, reason));
        return new Blocker(id, event.sequence());
    }

    /** Parked, not applied and not taken for a gap: the events before it are not all applied yet. */
    private void waitBehind(AggregateRef aggregate, Received received, Blocker blocker, BatchProgress batch,
                            PositionBook positions) {
        EventEnvelope event = received.event();
        if (positions.lock(aggregate) >= event.sequence()) {
            batch.duplicate(); // redelivered from before the blocker: applied then
            return;
        }
        parked.park(aggregate, received.record(), event, blocker.reasonToWait(), blocker.parkedId()).ifPresentOrElse(
                id -> batch.parkedBehind(() -> log.debug("Parked event {} of {} at sequence {} as {}: {}",
                        event.eventId(), aggregate, event.sequence(), id, blocker.reasonToWait())),
                batch::duplicate);
    }

    private record Received(ConsumerRecord<String, String> record, EventEnvelope event) {
    }

    /**
     * The payload decoded once for all projections, and only when one applies it (a redelivered event is not
     * decoded at all); a failure is kept and thrown wherever the payload is needed.
     */
    private static final class Decoded {
        private final EventDecoding decoding;
        private final EventEnvelope event;
        private Object value;
        private RuntimeException failure;

        Decoded(EventDecoding decoding, EventEnvelope event) {
            this.decoding = decoding;
            this.event = event;
        }

        Object payload() {
            if (value == null && failure == null) {
                try {
                    value = decoding.decode(event);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
