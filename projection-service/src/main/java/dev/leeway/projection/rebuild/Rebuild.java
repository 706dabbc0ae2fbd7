package dev.leeway.projection.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One rebuild's progress, written by its worker thread and read by status requests. */
final class Rebuild {

    private final String projection;
    private final boolean dryRun;
    private final Clock clock;
    private final Instant startedAt;
    private volatile RebuildState state = RebuildState.REPLAYING;
    private volatile long eventsDone;
    private volatile long eventsTotal;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile RebuildView.DiffView diff;

    Rebuild(String projection, boolean dryRun, Clock clock) {
        this.projection = projection;
        this.dryRun = dryRun;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    String projection() {
        return projection;
    }

    boolean dryRun() {
        return dryRun;
    }

    boolean finished() {
        return state.finished();
    }

    void total(long events) {
        eventsTotal = events;
    }

    void done(long events) {
        eventsDone = events;
        eventsTotal = Math.max(eventsTotal, events);
    }

    long eventsDone() {
        return eventsDone;
    }

    void now(RebuildState next) {
        state = next;
    }

    void compared(RebuildView.DiffView result) {
        diff = result;
    }

    void finish(RebuildState last) {
        finishedAt = clock.instant();
        state = last;
    }

    void fail(String reason) {
        error = reason;
        finish(RebuildState.FAILED);
    }

    RebuildView view() {
        Instant until = finishedAt != null ? finishedAt : clock.instant();
        double seconds = Math.max(0.001, Duration.between(startedAt, until).toMillis() / 1000.0);
        double rate = eventsDone / seconds;
        Long eta = finishedAt != null || rate <= 0 ? null : (long) Math.ceil((eventsTotal - eventsDone) / rate);
        return new RebuildView(projection, dryRun, state, eventsDone, eventsTotal, Math.round(rate * 10) / 10.0,
                eta, startedAt, finishedAt, error, diff);
    }
}
