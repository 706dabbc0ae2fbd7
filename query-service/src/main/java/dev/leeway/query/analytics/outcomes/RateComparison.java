package dev.leeway.query.analytics.outcomes;

import dev.leeway.query.analytics.stats.IntervalEstimate;
import dev.leeway.query.analytics.stats.Proportion;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A rate over resolved cases (reopened, re-contacted) of bent cases against comparable ones. */
public record RateComparison(
        String measure,
        Proportion bent,
        Proportion comparable,
        @Schema(description = "bent.rate − comparable.rate, Wald 95% interval; biased: see caveat")
        IntervalEstimate naiveDifference,
        AdjustedDifference adjustedDifference,
        @Schema(description = "Strata with resolved cases of one group only: they took no part")
        List<StratumCounts> excludedStrata) {
}
