package dev.leeway.projection.stream;

import dev.leeway.projection.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StreamStateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final StreamState state = new StreamState(clock);

    @Test
    void onlyTheFirstFailureOfAStallIsTheFirstAttempt() {
        Instant start = clock.instant();

        assertThat(state.failed(new CannotGetJdbcConnectionException("down")).attempts()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(4));
        StreamFailure second = state.failed(new CannotGetJdbcConnectionException("still down"));

        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.since()).isEqualTo(start);
        assertThat(second.lastError()).contains("still down");
    }

    @Test
    void aCommittedBatchEndsTheFailure() {
        state.failed(new CannotGetJdbcConnectionException("down"));

        assertThat(state.moved()).hasValueSatisfying(failure -> assertThat(failure.attempts()).isEqualTo(1));
        assertThat(state.failure()).isEmpty();
        assertThat(state.moved()).isEmpty();
    }
}
