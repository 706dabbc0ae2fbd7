package dev.leeway.projection.stream;

/** A parked row as replay reads it: the event rebuilt from what was received, and why it waits. */
record ParkedEvent(long id, EventEnvelope event, Long waitingBehind, String reason) {
}
