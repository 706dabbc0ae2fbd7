package dev.leeway.projection.stream;

/** One aggregate as a projection sees it: events of the same id but another type belong to another read model. */
public record AggregateRef(String type, String id) {

    static AggregateRef of(EventEnvelope event) {
        return new AggregateRef(event.aggregateType(), event.aggregateId());
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
