package dev.leeway.kernel.messaging;

/**
 * Kafka record headers that carry an event's envelope. The record value is the event payload's JSON, exactly as
 * stored in the event store, and the record key is the aggregate id; everything else a consumer needs is here,
 * as UTF-8 strings, so Kafka's console consumer shows it as is.
 */
public final class EventHeaders {

    /** Payload type as stored in the event store: the event class's fully qualified name. */
    public static final String TYPE = "leeway-event-type";
    /** The payload's {@code @Revision}. */
    public static final String REVISION = "leeway-event-revision";
    public static final String EVENT_ID = "leeway-event-id";
    /** Aggregate type, e.g. {@code Case}; lets one topic carry several aggregates. */
    public static final String AGGREGATE_TYPE = "leeway-aggregate-type";
    public static final String AGGREGATE_ID = "leeway-aggregate-id";
    /** Position of the event within its aggregate, from 0, without gaps. */
    public static final String AGGREGATE_SEQUENCE = "leeway-aggregate-sequence";
    /** When the event was stored, ISO-8601 UTC. */
    public static final String TIMESTAMP = "leeway-event-timestamp";
    /** The event's metadata (actor, correlation, causation, ...) as a JSON object. */
    public static final String METADATA = "leeway-metadata";
    /** W3C trace context of the publishing span, on events of a traced request: the projections' spans continue it. */
    public static final String TRACE_PARENT = "traceparent";

    private EventHeaders() {
    }
}
