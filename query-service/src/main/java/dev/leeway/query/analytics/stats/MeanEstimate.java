package dev.leeway.query.analytics.stats;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A mean with its sample size and sample standard deviation, computed from the sums PostgreSQL returns (count,
 * sum, sum of squares) rather than from the rows. Scores are small integers, so the sums are exact longs and the
 * variance comes out without the cancellation a floating-point one-pass formula suffers.
 */
@Schema(description = "n observations; mean null when n = 0; standardDeviation (sample, n - 1) null when n < 2")
public record MeanEstimate(long n, Double mean, Double standardDeviation) {

    public static MeanEstimate ofSums(long n, long sum, long sumOfSquares) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        Double mean = n == 0 ? null : (double) sum / n;
        Double deviation = n < 2 ? null : Math.sqrt(sampleVariance(n, sum, sumOfSquares));
        return new MeanEstimate(n, mean, deviation);
    }

    /** (n·Σx² − (Σx)²) / (n(n − 1)), the numerator in exact integer arithmetic. */
    private static double sampleVariance(long n, long sum, long sumOfSquares) {
        long numerator = Math.subtractExact(Math.multiplyExact(n, sumOfSquares), Math.multiplyExact(sum, sum));
        return (double) numerator / ((double) n * (n - 1));
    }

    /** The sample variance; only defined from two observations on. */
    public double variance() {
        if (standardDeviation == null) {
            throw new IllegalStateException("a variance needs at least two observations");
        }
        return standardDeviation * standardDeviation;
    }

    /** The variance of the mean itself, s² / n. */
    public double varianceOfMean() {
        return variance() / n;
    }
}
