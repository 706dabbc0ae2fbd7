package dev.leeway.projection.parking;

import dev.leeway.projection.stream.StreamFailure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionHealthIndicatorTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final ParkingSummary TWO_PARKED = new ParkingSummary(2, 1, NOW.minusSeconds(600),
            "java.sql.SQLException: ERROR: numeric field overflow");

    @Test
    void upWhileNothingIsParkedAndTheStreamMoves() {
        Health health = ProjectionHealthIndicator.assess(Optional.empty(), ParkingSummary.NOTHING, NOW, GRACE);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("parkedEvents", 0L).containsEntry("parkedAggregates", 0L);
    }

    @Test
    void degradedWhileEventsAreParkedWithWhatAndSinceWhen() {
        Health health = ProjectionHealthIndicator.assess(Optional.empty(), TWO_PARKED, NOW, GRACE);

        assertThat(health.getStatus()).isEqualTo(ProjectionHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("parkedEvents", 2L).containsEntry("parkedAggregates", 1L)
                .containsEntry("oldestParkedAt", "2026-11-30T11:50:00Z")
                .containsEntry("lastParkedReason", "java.sql.SQLException: ERROR: numeric field overflow");
    }

    @Test
    void aShortDatabaseOutageDoesNotMakeItDown() {
        StreamFailure failing = new StreamFailure(NOW.minusSeconds(29), 4, "connection refused");

        Health health = ProjectionHealthIndicator.assess(Optional.of(failing), ParkingSummary.NOTHING, NOW, GRACE);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("streamFailedAttempts", 4)
                .containsEntry("streamLastError", "connection refused");
    }

    @Test
    void downOnceTheStreamHasFailedForLongerThanTheGrace() {
        StreamFailure failing = new StreamFailure(NOW.minusSeconds(30), 9, "connection refused");

        Health health = ProjectionHealthIndicator.assess(Optional.of(failing), TWO_PARKED, NOW, GRACE);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("streamFailingSince", "2026-11-30T11:59:30Z");
    }
}
