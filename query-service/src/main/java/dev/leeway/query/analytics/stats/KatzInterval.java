package dev.leeway.query.analytics.stats;

/**
 * The ratio of two rates, a/n1 over b/n2, with Katz's 95% interval on the log scale:
 * exp(ln RR ± 1.96·sqrt(1/a − 1/n1 + 1/b − 1/n2)) (Katz et al. 1978). The log method has no answer when a count
 * is zero, so those cases are answered explicitly: a zero numerator rate gives ratio 0 without an interval; a zero
 * denominator rate gives no ratio at all.
 */
public final class KatzInterval {

    private KatzInterval() {
    }

    public static IntervalEstimate ratio(long a, long n1, long b, long n2) {
        if (n1 <= 0 || n2 <= 0 || a < 0 || b < 0 || a > n1 || b > n2) {
            throw new IllegalArgumentException("a ratio of rates needs 0 <= a <= n1, 0 <= b <= n2, n1, n2 > 0");
        }
        if (b == 0) {
            return IntervalEstimate.NONE;
        }
        if (a == 0) {
            return new IntervalEstimate(0.0, null, null);
        }
        double ratio = ((double) a / n1) / ((double) b / n2);
        double standardError = Math.sqrt(1.0 / a - 1.0 / n1 + 1.0 / b - 1.0 / n2);
        double log = Math.log(ratio);
        return new IntervalEstimate(ratio, Math.exp(log - IntervalEstimate.Z95 * standardError),
                Math.exp(log + IntervalEstimate.Z95 * standardError));
    }
}
