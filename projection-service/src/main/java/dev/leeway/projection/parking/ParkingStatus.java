package dev.leeway.projection.parking;

import dev.leeway.projection.stream.StreamState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What is parked, read from {@code read_model.parked_event} at most every few seconds: scrapes and health checks
 * come often, and while the database is away they answer with what was last known instead of failing.
 */
@Component
class ParkingStatus {

    private static final Logger log = LoggerFactory.getLogger(ParkingStatus.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final StreamState stream;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(ParkingSummary.NOTHING, Instant.MIN);

    ParkingStatus(JdbcTemplate jdbc, StreamState stream, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.stream = stream;
        this.clock = clock;
        Gauge.builder("leeway.projection.parked.events", this, status -> status.current().events())
                .description("Events parked because they could not be applied, or wait behind one that could not")
                .baseUnit("events").register(registry);
        Gauge.builder("leeway.projection.parked.aggregates", this, status -> status.current().aggregates())
                .description("Aggregates whose read model is stale because they have parked events")
                .baseUnit("aggregates").register(registry);
    }

    ParkingSummary current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        // While the stream cannot reach the database, a scrape should not wait for a connection either.
        if (known.takenAt().plus(FRESH_FOR).isAfter(now) || stream.failure().isPresent()) {
            return known.summary();
        }
        try {
            snapshot = new Snapshot(read(), now);
        } catch (DataAccessException e) {
            log.debug("Could not read parked events; showing what was last known", e);
            snapshot = new Snapshot(known.summary(), now);
        }
        return snapshot.summary();
    }

    /** After a replay, the next look reads the table again. */
    void forget() {
        snapshot = new Snapshot(snapshot.summary(), Instant.MIN);
    }

    private ParkingSummary read() {
        return jdbc.queryForObject("""
                SELECT count(*) AS events, count(DISTINCT (aggregate_type, aggregate_id)) AS aggregates,
                       min(parked_at) AS oldest,
                       (SELECT reason FROM read_model.parked_event WHERE waiting_behind IS NULL
                        ORDER BY id DESC LIMIT 1) AS last_reason
                FROM read_model.parked_event""", (row, n) -> {
            Timestamp oldest = row.getTimestamp("oldest");
            return new ParkingSummary(row.getLong("events"), row.getLong("aggregates"),
                    oldest == null ? null : oldest.toInstant(), row.getString("last_reason"));
        });
    }

    private record Snapshot(ParkingSummary summary, Instant takenAt) {
    }
}
