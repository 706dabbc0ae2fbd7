package dev.leeway.projection.stream;

/**
 * What a replay of parked events did: how many it released (applied, or found applied already), and how many
 * are still parked, behind how many aggregates.
 */
public record ReplaySummary(int replayed, int stillParked, int aggregatesStillParked) {
}
