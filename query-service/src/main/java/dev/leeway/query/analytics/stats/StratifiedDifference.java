package dev.leeway.query.analytics.stats;

import java.util.List;

/**
 * The difference between two groups compared like with like: within each stratum the difference of the group
 * means (or rates), then averaged with each stratum weighted by its number of treated cases, so that the answer
 * is "for the cases that got the treatment, how much did it differ from comparable ones" (the average effect on
 * the treated, ATT). Strata are independent samples, so the variance of the weighted sum is the weighted sum of
 * the variances: SE = sqrt(Σ w_s² · Var(diff_s)), w_s = n_treated,s / Σ n_treated.
 */
public final class StratifiedDifference {

    /** One stratum's difference, its variance (var_a/n_a + var_b/n_b) and its weight (the treated count). */
    public record Stratum(long treated, double difference, double varianceOfDifference) {

        public Stratum {
            if (treated <= 0) {
                throw new IllegalArgumentException("a stratum without treated cases carries no weight");
            }
        }

        public static Stratum ofMeans(MeanEstimate treated, MeanEstimate comparable) {
            return new Stratum(treated.n(), treated.mean() - comparable.mean(),
                    treated.varianceOfMean() + comparable.varianceOfMean());
        }

        public static Stratum ofProportions(Proportion treated, Proportion comparable) {
            return new Stratum(treated.denominator(), treated.rate() - comparable.rate(),
                    treated.varianceOfRate() + comparable.varianceOfRate());
        }
    }

    private StratifiedDifference() {
    }

    /** The ATT-weighted difference with its 95% interval; {@link IntervalEstimate#NONE} without strata. */
    public static IntervalEstimate weightedByTreated(List<Stratum> strata) {
        long treated = strata.stream().mapToLong(Stratum::treated).sum();
        if (treated == 0) {
            return IntervalEstimate.NONE;
        }
        double estimate = 0;
        double variance = 0;
        for (Stratum stratum : strata) {
            double weight = (double) stratum.treated() / treated;
            estimate += weight * stratum.difference();
            variance += weight * weight * stratum.varianceOfDifference();
        }
        return IntervalEstimate.normal(estimate, Math.sqrt(variance));
    }
}
