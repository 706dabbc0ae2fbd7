package dev.leeway.query.analytics.stats;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A point estimate with its 95% confidence interval from the normal approximation. All three are null when the
 * estimate cannot be made (a group is empty, or a mean has fewer than two observations to estimate spread from).
 */
@Schema(description = "estimate with its 95% confidence interval [lower, upper]; all null when not estimable")
public record IntervalEstimate(Double estimate, Double lower, Double upper) {

    /** The two-sided 95% normal quantile, rounded as the formulas analysts check us against use it. */
    public static final double Z95 = 1.96;

    public static final IntervalEstimate NONE = new IntervalEstimate(null, null, null);

    public static IntervalEstimate normal(double estimate, double standardError) {
        return new IntervalEstimate(estimate, estimate - Z95 * standardError, estimate + Z95 * standardError);
    }

    /** Difference of means (a − b), Welch's standard error with the normal quantile: large samples assumed. */
    public static IntervalEstimate differenceOfMeans(MeanEstimate a, MeanEstimate b) {
        if (a.standardDeviation() == null || b.standardDeviation() == null) {
            return NONE;
        }
        return normal(a.mean() - b.mean(), Math.sqrt(a.varianceOfMean() + b.varianceOfMean()));
    }

    /** Difference of proportions (a − b), Wald interval. */
    public static IntervalEstimate differenceOfProportions(Proportion a, Proportion b) {
        if (a.rate() == null || b.rate() == null) {
            return NONE;
        }
        return normal(a.rate() - b.rate(), Math.sqrt(a.varianceOfRate() + b.varianceOfRate()));
    }
}
