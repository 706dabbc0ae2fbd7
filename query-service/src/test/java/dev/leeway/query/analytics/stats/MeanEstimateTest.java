package dev.leeway.query.analytics.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeanEstimateTest {

    @Test
    void meanAndSampleDeviationComeFromCountSumAndSumOfSquares() {
        // 1, 2, 3, 4, 5: mean 3, sample variance 10 / 4 = 2.5.
        MeanEstimate scores = MeanEstimate.ofSums(5, 15, 55);

        assertThat(scores.mean()).isEqualTo(3.0);
        assertThat(scores.standardDeviation()).isCloseTo(Math.sqrt(2.5), within(1e-15));
        assertThat(scores.varianceOfMean()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void identicalScoresHaveNoSpreadExactly() {
        // 10,000 fives: a floating one-pass formula leaves a rounding residue here; exact sums do not.
        assertThat(MeanEstimate.ofSums(10_000, 50_000, 250_000).standardDeviation()).isZero();
    }

    @Test
    void oneObservationHasAMeanButNoDeviationAndNoneHasNeither() {
        assertThat(MeanEstimate.ofSums(1, 4, 16)).isEqualTo(new MeanEstimate(1, 4.0, null));
        assertThat(MeanEstimate.ofSums(0, 0, 0)).isEqualTo(new MeanEstimate(0, null, null));
    }
}
