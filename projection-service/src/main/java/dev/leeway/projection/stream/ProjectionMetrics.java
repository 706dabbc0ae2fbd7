package dev.leeway.projection.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the read models are behind the event stream, and what the order checks found. Dimensional meters
 * only, with bounded cardinality.
 */
@Component
public class ProjectionMetrics {

    private final Counter applied;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter rejected;
    private final AtomicLong eventsBehind = new AtomicLong();
    private final AtomicLong lastAppliedEventMillis = new AtomicLong();
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
        Gauge.builder("leeway.projection.lag.events", eventsBehind, AtomicLong::get)
                .description("Events on the topic not yet applied").baseUnit("events").register(registry);
        Gauge.builder("leeway.projection.lag", this, ProjectionMetrics::millisBehind)
                .description("How old the newest applied event is while events are waiting; 0 when caught up")
                .baseUnit("milliseconds").register(registry);
    }

    void counted(BatchOutcome outcome) {
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
        gaps.increment(outcome.gaps());
        rejected.increment(outcome.rejected());
    }

    void caughtUpTo(long lastAppliedEventMillis, long eventsBehind) {
        this.lastAppliedEventMillis.set(lastAppliedEventMillis);
        this.eventsBehind.set(eventsBehind);
    }

    long millisBehind() {
        return eventsBehind.get() == 0 ? 0 : Math.max(0, clock.millis() - lastAppliedEventMillis.get());
    }
}
