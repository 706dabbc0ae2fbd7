package dev.leeway.projection.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts and log lines of a batch while its transaction runs. The lines are written only after it commits: a
 * batch that is rolled back and applied again must not report its gaps and parked events twice.
 */
final class BatchProgress {

    private int applied;
    private int duplicates;
    private int gaps;
    private int parked;
    private int parkedBehind;
    private int rejected;
    private long[] eventMillis = new long[16];
    private int events;
    private final List<Runnable> afterCommit = new ArrayList<>();

    void saw(EventEnvelope event) {
        if (events == eventMillis.length) {
            eventMillis = Arrays.copyOf(eventMillis, events * 2);
        }
        eventMillis[events++] = event.timestamp().toEpochMilli();
    }

    void applied() {
        applied++;
    }

    void duplicate() {
        duplicates++;
    }

    void gap(Runnable notice) {
        gaps++;
        afterCommit.add(notice);
    }

    void parked(Runnable notice) {
        parked++;
        afterCommit.add(notice);
    }

    void parkedBehind(Runnable notice) {
        parkedBehind++;
        parked(notice);
    }

    void rejected(Runnable notice) {
        rejected++;
        afterCommit.add(notice);
    }

    int parkedBehind() {
        return parkedBehind;
    }

    /** Once committed. */
    void report() {
        afterCommit.forEach(Runnable::run);
    }

    BatchOutcome outcome() {
        return new BatchOutcome(applied, duplicates, gaps, parked, rejected, Arrays.copyOf(eventMillis, events));
    }
}
