package dev.leeway.deploy;

import java.util.Collection;

/**
 * Nearest-rank percentiles of a set of samples (the smallest sample with at least the given share of all samples
 * at or below it), so that every figure printed is a time that was actually measured. With 50 samples, p99 is the
 * slowest one; with 100, the second slowest.
 */
record Percentiles(int count, long p50, long p95, long p99, long max) {

    static Percentiles of(Collection<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return new Percentiles(sorted.length, at(sorted, 50), at(sorted, 95), at(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The nearest-rank {@code percent}th percentile of {@code sorted} (ascending, not empty). */
    static long at(long[] sorted, int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1 to 100");
        }
        // rank = ceil(percent / 100 * n), in integers: 0.07 * 100 is 7.000000000000001 in doubles.
        long rank = ((long) percent * sorted.length + 99) / 100;
        return sorted[(int) rank - 1];
    }
}
