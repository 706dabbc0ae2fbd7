package dev.leeway.query.analytics.resolution;

import io.swagger.v3.oas.annotations.media.Schema;

/** How long cases took to be resolved the first time (first_resolved_at − opened_at), in seconds. */
public record TimeToResolveView(
        @Schema(description = "Resolved cases measured")
        long n,
        @Schema(description = "Median, PostgreSQL percentile_cont(0.5): interpolated between the two middle values")
        Double medianSeconds,
        @Schema(description = "90th percentile, percentile_cont(0.9) (linear interpolation)")
        Double p90Seconds) {
}
