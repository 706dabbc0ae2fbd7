package dev.leeway.query.analytics.outcomes;

import dev.leeway.query.analytics.stats.IntervalEstimate;
import io.swagger.v3.oas.annotations.media.Schema;

/** The like-with-like difference (bent − comparable) and how much of the bent group it speaks for. */
public record AdjustedDifference(
        @Schema(description = "Σ w_s·(bent_s − comparable_s), w_s = bent observations in stratum s / bentCovered")
        Double estimate,
        @Schema(description = "95% interval: estimate ± 1.96·sqrt(Σ w_s²·(var_b/n_b + var_c/n_c))")
        Double lower,
        Double upper,
        @Schema(description = "Strata (channel × severity × segment) where both groups could be measured")
        int strataUsed,
        @Schema(description = "Bent observations in those strata: the cases the estimate speaks for")
        long bentCovered,
        @Schema(description = "Bent observations in strata without a comparable group: left out of the estimate")
        long bentNotCovered) {

    static AdjustedDifference of(IntervalEstimate estimate, int strataUsed, long bentCovered, long bentNotCovered) {
        return new AdjustedDifference(estimate.estimate(), estimate.lower(), estimate.upper(), strataUsed,
                bentCovered, bentNotCovered);
    }
}
