package dev.leeway.projection.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the read models are behind the event stream, and what the order checks found. Dimensional meters
 * only, with bounded cardinality. Parked events are not lag: they have their own gauges (see ParkingStatus).
 */
@Component
public class ProjectionMetrics {

    private static final long NOT_STOPPED = Long.MIN_VALUE;
    /** How long the gauge keeps showing the last batch's delay once nothing more arrives. */
    static final Duration RECENT = Duration.ofSeconds(5);

    private final Counter applied;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter rejected;
    private final Counter parked;
    private final Counter replayed;
    private final Counter failedBatches;
    private final AtomicLong eventsBehind = new AtomicLong();
    private final AtomicLong lastAppliedEventMillis = new AtomicLong();
    private final AtomicLong oldestUnappliedMillis = new AtomicLong(NOT_STOPPED);
    private final AtomicLong lastBatchDelayMillis = new AtomicLong();
    private final AtomicLong lastBatchAtMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private final Timer delay;
    private final Clock clock;

    public ProjectionMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.applied = Counter.builder("leeway.projection.events.applied")
                .description("Events applied to a read model").register(registry);
        this.duplicates = Counter.builder("leeway.projection.events.duplicate")
                .description("Redelivered events that changed nothing").register(registry);
        this.gaps = Counter.builder("leeway.projection.sequence.gaps")
                .description("Events that arrived after a gap in their aggregate's sequence and were held back")
                .register(registry);
        this.rejected = Counter.builder("leeway.projection.records.rejected")
                .description("Records on the topic without a Leeway event envelope").register(registry);
        this.parked = Counter.builder("leeway.projection.events.parked")
                .description("Events parked because they could not be applied, or because an earlier event of "
                        + "their aggregate is parked").register(registry);
        this.replayed = Counter.builder("leeway.projection.events.replayed")
                .description("Parked events released by a replay: applied, or found applied already").register(registry);
        this.failedBatches = Counter.builder("leeway.projection.batches.failed")
                .description("Batch attempts that failed for a transient reason and are retried").register(registry);
        Gauge.builder("leeway.projection.lag.events", eventsBehind, AtomicLong::get)
                .description("Events on the topic not yet applied").baseUnit("events").register(registry);
        Gauge.builder("leeway.projection.lag", this, ProjectionMetrics::millisBehind)
                .description("How late the read models are: from the oldest event of the last batch being stored to "
                        + "that batch committing (for " + RECENT.toSeconds() + " s after it); while events wait on "
                        + "the topic, how old the newest applied one is; while a batch keeps failing, how old its "
                        + "oldest record is; 0 when nothing has arrived for a while")
                .baseUnit("milliseconds").register(registry);
        this.delay = Timer.builder("leeway.projection.delay")
                .description("From an event being stored to the read models' commit that applied it: what a reader "
                        + "waits, publisher and Kafka included")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100)) // the read side's goal: an exact bucket to alert on
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    void counted(BatchOutcome outcome) {
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
        gaps.increment(outcome.gaps());
        rejected.increment(outcome.rejected());
        parked.increment(outcome.parked());
    }

    void replayed(int events) {
        replayed.increment(events);
    }

    /**
     * A batch committed: each of its events' delay is recorded, and the gauge shows the longest of them for a
     * while. The events' times are the store's (the publisher stamps each record with its event's time), so the
     * delay covers the publisher and Kafka too, not just this service: a reader cannot see an event before then.
     */
    void caughtUpTo(long[] eventMillis, long eventsBehind) {
        long now = clock.millis();
        long oldest = Long.MAX_VALUE;
        for (long stored : eventMillis) {
            delay.record(Math.max(0, now - stored), TimeUnit.MILLISECONDS);
            oldest = Math.min(oldest, stored);
        }
        if (eventMillis.length > 0) {
            this.lastAppliedEventMillis.set(eventMillis[eventMillis.length - 1]);
            this.lastBatchDelayMillis.set(Math.max(0, now - oldest));
            this.lastBatchAtMillis.set(now);
        }
        this.eventsBehind.set(eventsBehind);
        this.oldestUnappliedMillis.set(NOT_STOPPED);
    }

    /**
     * A batch failed and will be retried: none of it is applied, so the lag counts all of it, and it grows from
     * its oldest record's time ({@code -1} if unknown: from now) until a batch commits.
     */
    void batchFailed(long eventsBehind, long oldestRecordMillis) {
        this.eventsBehind.set(Math.max(eventsBehind, 1));
        this.oldestUnappliedMillis.compareAndSet(NOT_STOPPED, oldestRecordMillis > 0 ? oldestRecordMillis : clock.millis());
        failedBatches.increment();
    }

    public long eventsBehind() {
        return eventsBehind.get();
    }

    public long millisBehind() {
        long now = clock.millis();
        long oldestUnapplied = oldestUnappliedMillis.get();
        if (oldestUnapplied != NOT_STOPPED) {
            return Math.max(0, now - oldestUnapplied);
        }
        if (eventsBehind.get() > 0) {
            return Math.max(0, now - lastAppliedEventMillis.get());
        }
        return now - lastBatchAtMillis.get() <= RECENT.toMillis() ? lastBatchDelayMillis.get() : 0;
    }
}
