package dev.leeway.projection.stream;

/**
 * Where an event stood in its aggregate's sequence for one projection, found under the position's lock:
 * applied (the next one, or after the gap before it was filled from the event store), already applied
 * (redelivered), or still after a gap the event store could not fill.
 */
public record Placement(SequenceCheck check, long lastApplied, int filled) {

    long expected() {
        return lastApplied + 1;
    }
}
