package dev.leeway.query.analytics.outcomes;

import dev.leeway.query.analytics.stats.IntervalEstimate;
import dev.leeway.query.analytics.stats.MeanEstimate;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A mean (CSAT) of bent cases against comparable ones, naive and like with like. */
public record MeanComparison(
        String measure,
        MeanEstimate bent,
        MeanEstimate comparable,
        @Schema(description = "bent.mean − comparable.mean, Welch standard error, normal 95% interval; biased: see "
                + "caveat")
        IntervalEstimate naiveDifference,
        AdjustedDifference adjustedDifference,
        @Schema(description = "Strata with observations that took no part: a mean needs two observations in each "
                + "group of the stratum")
        List<StratumCounts> excludedStrata) {
}
