package dev.leeway.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsBenchTest {

    @Test
    void anEndpointThisQueryServiceLacksIsNotAvailableRatherThanFailed() {
        // Deny-by-default security answers an ANALYST 403 on a path it does not name yet.
        assertThat(AnalyticsBench.unavailable(403, "FORBIDDEN")).isTrue();
        assertThat(AnalyticsBench.unavailable(404, "NOT_FOUND")).isTrue();
        assertThat(AnalyticsBench.unavailable(404, null)).isTrue();
        assertThat(AnalyticsBench.unavailable(405, "METHOD_NOT_ALLOWED")).isTrue();

        assertThat(AnalyticsBench.unavailable(404, "POLICY_NOT_FOUND")).as("an answer, not a missing endpoint")
                .isFalse();
        assertThat(AnalyticsBench.unavailable(400, "VALIDATION_FAILED")).isFalse();
        assertThat(AnalyticsBench.unavailable(500, "INTERNAL_ERROR")).isFalse();
    }

    @Test
    void aRefusalIsDescribedFromItsProblemBody() {
        byte[] problem = "{\"type\":\"about:blank\",\"title\":\"Validation failed\",\"status\":400,\"detail\":\"by must be one of agent, channel.\",\"code\":\"VALIDATION_FAILED\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(AnalyticsBench.describe(400, problem))
                .isEqualTo("HTTP 400 VALIDATION_FAILED: by must be one of agent, channel.");
        assertThat(AnalyticsBench.describe(502, "<html>\n bad gateway </html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("HTTP 502: <html> bad gateway </html>");
        assertThat(AnalyticsBench.describe(404, new byte[0])).isEqualTo("HTTP 404");
    }

    @Test
    void figuresAreShownInUnitsPeopleRead() {
        assertThat(AnalyticsBench.millis(12_345_678)).isEqualTo("12.3 ms");
        assertThat(AnalyticsBench.seconds(1_234_567_890)).isEqualTo("1.23 s");
        assertThat(AnalyticsBench.duration(84_400_000)).isEqualTo("84 ms");
        assertThat(AnalyticsBench.duration(2_346_000_000L)).isEqualTo("2.35 s");
        assertThat(AnalyticsBench.size(512)).isEqualTo("512 B");
        assertThat(AnalyticsBench.size(2_048)).isEqualTo("2.0 KiB");
        assertThat(AnalyticsBench.size(5 * 1024 * 1024 + 512 * 1024)).isEqualTo("5.5 MiB");
        assertThat(AnalyticsBench.amounts(new ObjectMapper().createObjectNode()
                .put("AGENT", new BigDecimal("6E+1")).put("SUPERVISOR", new BigDecimal("250.50"))))
                .isEqualTo("AGENT 60, SUPERVISOR 250.5");
        assertThat(AnalyticsBench.counts(Map.of("NEW", 25L, "LOYAL", 25L, "REGULAR", 50L)))
                .isEqualTo("REGULAR 50 (50%), LOYAL 25 (25%), NEW 25 (25%)");
    }
}
