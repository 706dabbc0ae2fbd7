package dev.leeway.projection.stream;

/**
 * A read model fed by the events of one aggregate type. The order check is done for it by {@link EventApplier};
 * a projection only reports the position its row holds and applies the events it is given, in the caller's
 * transaction, recording the event's sequence on the row.
 */
public interface Projection {

    /** The aggregate type whose events this projection reads, e.g. {@code Case}. */
    String aggregateType();

    /**
     * The last sequence applied for this aggregate, or {@link SequenceCheck#NOTHING_APPLIED}; locks the row so
     * that the check and the write happen as one.
     */
    long lockLastApplied(String aggregateId);

    /**
     * Applies the next event of an aggregate; events of types it does not use only advance its position. If it
     * throws (a payload it cannot read, a row the database refuses), its writes are rolled back and the event is
     * parked, unless the failure is the database's own (see {@link FailureKind}): then the batch is retried.
     */
    void apply(EventEnvelope event);
}
