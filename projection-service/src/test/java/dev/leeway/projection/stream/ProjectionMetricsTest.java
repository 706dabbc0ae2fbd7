package dev.leeway.projection.stream;

import dev.leeway.projection.support.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProjectionMetrics metrics = new ProjectionMetrics(registry, clock);

    @Test
    void whileABatchKeepsFailingTheLagCountsItAndGrowsFromItsOldestRecord() {
        metrics.caughtUpTo(new long[] {clock.millis()}, 0);
        long oldest = clock.millis() - 5_000;

        metrics.batchFailed(120, oldest);
        clock.advance(Duration.ofSeconds(30));
        metrics.batchFailed(130, oldest - 60_000); // a retry of the same batch does not move the start

        assertThat(gauge("leeway.projection.lag.events")).isEqualTo(130);
        assertThat(gauge("leeway.projection.lag")).isEqualTo(35_000);
        assertThat(registry.get("leeway.projection.batches.failed").counter().count()).isEqualTo(2);
    }

    @Test
    void aCommittedBatchEndsTheStall() {
        metrics.batchFailed(1, clock.millis() - 1_000);

        metrics.caughtUpTo(new long[] {clock.millis()}, 0);

        assertThat(gauge("leeway.projection.lag.events")).isZero();
        assertThat(gauge("leeway.projection.lag")).isZero();
    }

    @Test
    void anEmptyFailedBatchStillShowsLag() {
        metrics.batchFailed(0, -1);
        clock.advance(Duration.ofSeconds(3));

        assertThat(gauge("leeway.projection.lag.events")).isEqualTo(1);
        assertThat(gauge("leeway.projection.lag")).isEqualTo(3_000);
    }

    @Test
    void aBatchThatArrivesLateShowsItsDelayEvenWithNothingLeftBehindIt() {
        long stored = clock.millis();
        clock.advance(Duration.ofMillis(250));

        metrics.caughtUpTo(new long[] {stored, stored + 100}, 0);

        assertThat(gauge("leeway.projection.lag")).as("the oldest event of the batch waited 250 ms").isEqualTo(250);
        Timer delay = registry.get("leeway.projection.delay").timer();
        assertThat(delay.count()).isEqualTo(2);
        assertThat(delay.max(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(delay.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250 + 150);
    }

    @Test
    void whenNothingMoreArrivesTheLagFallsBackToZero() {
        long stored = clock.millis();
        clock.advance(Duration.ofMillis(400));
        metrics.caughtUpTo(new long[] {stored}, 0);

        clock.advance(ProjectionMetrics.RECENT.plusMillis(1));

        assertThat(gauge("leeway.projection.lag")).isZero();
    }

    @Test
    void whileEventsWaitOnTheTopicTheLagIsTheAgeOfTheNewestApplied() {
        long stored = clock.millis();
        metrics.caughtUpTo(new long[] {stored}, 40);

        clock.advance(Duration.ofSeconds(2));

        assertThat(gauge("leeway.projection.lag")).isEqualTo(2_000);
        assertThat(gauge("leeway.projection.lag.events")).isEqualTo(40);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
