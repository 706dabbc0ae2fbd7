package dev.leeway.query.analytics.resolution;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** CSAT: the latest survey score (1-5) of each case. */
public record SatisfactionView(
        @Schema(description = "Cases with a score")
        long n,
        @Schema(description = "Mean score; null when n = 0")
        Double mean,
        @Schema(description = "How many cases scored 1, 2, 3, 4 and 5")
        Map<Integer, Long> distribution) {
}
