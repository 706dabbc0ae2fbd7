package dev.leeway.projection.stream;

import java.time.Instant;

/** A batch that keeps failing for a transient reason: since when, how many attempts, the latest reason. */
public record StreamFailure(Instant since, int attempts, String lastError) {
}
