package dev.leeway.query.analytics.stats;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A rate shown with what it is made of, so that a reader can tell 1 of 2 from 500 of 1,000 and add groups up
 * exactly. The rate is null when there is nothing to divide by, rather than a 0 that would read as "never".
 */
@Schema(description = "numerator of denominator; rate is null when the denominator is 0")
public record Proportion(long numerator, long denominator, Double rate) {

    public Proportion {
        if (numerator < 0 || denominator < numerator) {
            throw new IllegalArgumentException("a proportion needs 0 <= numerator <= denominator, got "
                    + numerator + "/" + denominator);
        }
    }

    public static Proportion of(long numerator, long denominator) {
        return new Proportion(numerator, denominator, denominator == 0 ? null : (double) numerator / denominator);
    }

    /** p(1 - p): the variance of one yes/no observation, what a Wald interval is built from. */
    public double bernoulliVariance() {
        double p = (double) numerator / denominator;
        return p * (1 - p);
    }

    /** The variance of the rate itself, p(1 - p) / n. */
    public double varianceOfRate() {
        return bernoulliVariance() / denominator;
    }
}
