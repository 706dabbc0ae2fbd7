package dev.leeway.projection.rebuild;

/**
 * One read model's state for operators: LIVE, DEGRADED (some aggregates' events parked), STOPPED (the stream
 * keeps failing, e.g. the database is away) or REBUILDING; its position as the events it has applied over how
 * many aggregates; the stream's lag; and its running or last rebuild.
 */
public record ProjectionStatusView(String name,
                                   String state,
                                   long aggregates,
                                   long eventsApplied,
                                   int parkedEvents,
                                   String lastError,
                                   long lagEvents,
                                   long lagMilliseconds,
                                   RebuildView rebuild) {
}
