package dev.leeway.projection.stream;

/** An event's place in its aggregate's sequence, found under the row's lock, and applied if it is the next one. */
record Placement(SequenceCheck check, long lastApplied) {

    static Placement applyIfNext(Projection projection, EventEnvelope event) {
        long lastApplied = projection.lockLastApplied(event.aggregateId());
        SequenceCheck check = SequenceCheck.of(lastApplied, event.sequence());
        if (check == SequenceCheck.APPLY) {
            projection.apply(event);
        }
        return new Placement(check, lastApplied);
    }

    long expected() {
        return lastApplied + 1;
    }
}
