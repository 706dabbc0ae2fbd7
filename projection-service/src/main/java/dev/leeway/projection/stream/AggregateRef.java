package dev.leeway.projection.stream;

/** One aggregate as one projection sees it: its position and its parked events are per projection. */
public record AggregateRef(String projection, String type, String id) {

    static AggregateRef of(Projection projection, EventEnvelope event) {
        return new AggregateRef(projection.name(), event.aggregateType(), event.aggregateId());
    }

    @Override
    public String toString() {
        return projection + ": " + type + " " + id;
    }
}
