package dev.leeway.projection.stream;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Supplier;

/**
 * Applies an event to one projection if it is the next of its aggregate, in the caller's transaction, and moves
 * the projection's position with it. An event after a gap is not dropped: the missing events are read from the
 * event store and applied first. Only if the store does not have them (yet) is the event left as a gap.
 */
@Component
public class EventPlacer {

    private final Positions positions;
    private final EventStoreReader store;
    private final EventDecoding decoding;

    EventPlacer(Positions positions, EventStoreReader store, EventDecoding decoding) {
        this.positions = positions;
        this.store = store;
        this.decoding = decoding;
    }

    /** {@code payload} is decoded only if the event is applied: a redelivered one is recognised without it. */
    public Placement place(Projection projection, EventEnvelope event, Supplier<Object> payload) {
        return place(projection, event, payload, positions);
    }

    /** As {@link #place(Projection, EventEnvelope, Supplier)}, reading and moving positions in {@code positions}. */
    Placement place(Projection projection, EventEnvelope event, Supplier<Object> payload, PositionBook positions) {
        AggregateRef aggregate = AggregateRef.of(projection, event);
        long lastApplied = positions.lock(aggregate);
        SequenceCheck check = SequenceCheck.of(lastApplied, event.sequence());
        int filled = 0;
        if (check == SequenceCheck.GAP) {
            List<EventEnvelope> missing = store.events(event.aggregateType(), event.aggregateId(), lastApplied + 1,
                    event.sequence());
            if (missing.size() != event.sequence() - lastApplied - 1) {
                return new Placement(SequenceCheck.GAP, lastApplied, 0);
            }
            for (EventEnvelope earlier : missing) {
                projection.apply(new ProjectedEvent(earlier, decoding.decode(earlier)));
                filled++;
            }
            check = SequenceCheck.APPLY;
        }
        if (check == SequenceCheck.APPLY) {
            projection.apply(new ProjectedEvent(event, payload.get()));
            positions.advance(aggregate, event.sequence());
        }
        return new Placement(check, lastApplied, filled);
    }
}
