package dev.leeway.projection.parking;

import dev.leeway.projection.stream.StreamFailure;
import dev.leeway.projection.stream.StreamState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code projection} component of {@code /actuator/health}. DEGRADED while events are parked: the service
 * works, but some aggregates' read models are stale until an operator fixes the cause and replays (DEGRADED
 * answers HTTP 200, so a platform with parked events still starts; see application.yml). DOWN once the stream
 * has been held up by a failing batch (the database is away) for longer than a short outage.
 */
@Component
class ProjectionHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Some events are parked; their aggregates' read models are stale");

    private final StreamState stream;
    private final ParkingStatus parking;
    private final Clock clock;
    private final Duration downAfter;

    ProjectionHealthIndicator(StreamState stream, ParkingStatus parking, Clock clock,
                              @Value("${leeway.projection.health.down-after-failing:30s}") Duration downAfter) {
        this.stream = stream;
        this.parking = parking;
        this.clock = clock;
        this.downAfter = downAfter;
    }

    @Override
    public Health health() {
        return assess(stream.failure(), parking.current(), clock.instant(), downAfter);
    }

    static Health assess(Optional<StreamFailure> failure, ParkingSummary parked, Instant now, Duration downAfter) {
        boolean stopped = failure.isPresent() && !failure.get().since().plus(downAfter).isAfter(now);
        Health.Builder health = stopped ? Health.down() : parked.events() > 0 ? Health.status(DEGRADED) : Health.up();
        health.withDetail("parkedEvents", parked.events()).withDetail("parkedAggregates", parked.aggregates());
        if (parked.oldestParkedAt() != null) {
            health.withDetail("oldestParkedAt", parked.oldestParkedAt().toString());
        }
        if (parked.lastReason() != null) {
            health.withDetail("lastParkedReason", parked.lastReason());
        }
        failure.ifPresent(failing -> health.withDetail("streamFailingSince", failing.since().toString())
                .withDetail("streamFailedAttempts", failing.attempts())
                .withDetail("streamLastError", failing.lastError()));
        return health.build();
    }
}
