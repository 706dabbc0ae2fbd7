package dev.leeway.projection.stream;

/** What one committed batch did, counted into the metrics only once the transaction has committed. */
record BatchOutcome(int applied, int duplicates, int gaps, int parked, int rejected, long lastEventMillis) {
}
