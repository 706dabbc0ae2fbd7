package dev.leeway.query.analytics;

import dev.leeway.query.web.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyticsWindowTest {

    @Test
    void aDateStandsForItsMidnightUtcAndAnInstantForItself() {
        AnalyticsWindow window = AnalyticsWindow.parse("2026-01-05", "2026-02-01T10:15:00+01:00");

        assertThat(window.from()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2026-02-01T09:15:00Z"));
        assertThat(window.and("c.opened_at")).isEqualTo(" AND c.opened_at >= ? AND c.opened_at < ?");
        assertThat(window.arguments()).hasSize(2);
    }

    @Test
    void anOpenEndAddsNoCondition() {
        AnalyticsWindow window = AnalyticsWindow.parse(null, "2026-02-01");

        assertThat(window.and("c.opened_at")).isEqualTo(" AND c.opened_at < ?");
        assertThat(AnalyticsWindow.parse(null, null).unbounded()).isTrue();
        assertThat(AnalyticsWindow.ALL_TIME.and("c.opened_at")).isEmpty();
    }

    @Test
    void fromAfterToAndMalformedDatesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> AnalyticsWindow.parse("2026-02-01", "2026-01-01"))
                .hasMessageContaining("from must not be after to");
        assertThatThrownBy(() -> AnalyticsWindow.parse("2026-13-01", null)).hasMessageStartingWith("from must be");
        assertThatThrownBy(() -> AnalyticsWindow.parse(null, "yesterday")).hasMessageStartingWith("to must be");
    }

    @Test
    void aWindowARequestGetsWrongIsAValidationProblem() {
        assertThatThrownBy(() -> AnalyticsWindow.requested("2026-02-01", "2026-01-01"))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("from");
        assertThatThrownBy(() -> AnalyticsWindow.requested(Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"))).isInstanceOf(ApiProblem.class);
        assertThat(AnalyticsWindow.requested("2026-01-01", "2026-01-01").and("c.opened_at"))
                .as("an empty window is a window, not an error").isEqualTo(" AND c.opened_at >= ? AND c.opened_at < ?");
    }
}
