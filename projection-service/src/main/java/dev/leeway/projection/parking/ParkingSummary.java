package dev.leeway.projection.parking;

import java.time.Instant;

/** How much is parked, for the gauges and the health check; {@code oldestParkedAt} and {@code lastReason} may be null. */
record ParkingSummary(long events, long aggregates, Instant oldestParkedAt, String lastReason) {

    static final ParkingSummary NOTHING = new ParkingSummary(0, 0, null, null);
}
