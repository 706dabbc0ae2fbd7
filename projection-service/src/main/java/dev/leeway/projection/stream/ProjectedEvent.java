package dev.leeway.projection.stream;

import java.sql.Timestamp;

/** An event as a projection gets it: the envelope as published, and the payload decoded to today's record. */
public record ProjectedEvent(EventEnvelope envelope, Object payload) {

    public String aggregateId() {
        return envelope.aggregateId();
    }

    public long sequence() {
        return envelope.sequence();
    }

    public Timestamp timestamp() {
        return Timestamp.from(envelope.timestamp());
    }
}
