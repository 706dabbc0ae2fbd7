package dev.leeway.projection.stream;

/** Where placing an event reads and moves a projection's position: the table itself, or a batch's locked copy. */
interface PositionBook {

    /** The last sequence applied, or {@link SequenceCheck#NOTHING_APPLIED}; locked until the transaction ends. */
    long lock(AggregateRef aggregate);

    void advance(AggregateRef aggregate, long sequence);
}
