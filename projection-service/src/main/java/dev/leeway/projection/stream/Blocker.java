package dev.leeway.projection.stream;

/** The first parked event of an aggregate: its later events wait behind it. */
record Blocker(long parkedId, long sequence) {

    String reasonToWait() {
        return FailureReason.waitingBehind(parkedId, sequence);
    }
}
