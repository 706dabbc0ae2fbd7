package dev.leeway.projection.stream;

/**
 * What one committed batch did, counted into the metrics only once the transaction has committed.
 *
 * @param eventMillis when each event of the batch was stored (epoch ms), in batch order; the last is the newest
 */
public record BatchOutcome(int applied, int duplicates, int gaps, int parked, int rejected, long[] eventMillis) {

    /** When the batch's newest event was stored; 0 for a batch without events. */
    long lastEventMillis() {
        return eventMillis.length == 0 ? 0 : eventMillis[eventMillis.length - 1];
    }
}
