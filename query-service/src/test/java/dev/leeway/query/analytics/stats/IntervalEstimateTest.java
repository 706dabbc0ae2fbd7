package dev.leeway.query.analytics.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IntervalEstimateTest {

    /**
     * 5, 4, 4, 5 (mean 4.5, s² 1/3) against 3, 2, 4 (mean 3, s² 1): difference 1.5,
     * SE = sqrt(1/12 + 1/3) = 0.645497; 1.5 ± 1.96·SE = [0.234825, 2.765175].
     */
    @Test
    void aDifferenceOfMeansHasAWelchNormalInterval() {
        IntervalEstimate difference = IntervalEstimate.differenceOfMeans(MeanEstimate.ofSums(4, 18, 82),
                MeanEstimate.ofSums(3, 9, 29));

        assertThat(difference.estimate()).isCloseTo(1.5, within(1e-12));
        assertThat(difference.lower()).isCloseTo(0.2348254402, within(1e-9));
        assertThat(difference.upper()).isCloseTo(2.7651745598, within(1e-9));
    }

    /** 30/100 against 20/100: 0.1 ± 1.96·sqrt(0.21/100 + 0.16/100) = [−0.019222, 0.219222]. */
    @Test
    void aDifferenceOfProportionsHasAWaldInterval() {
        IntervalEstimate difference = IntervalEstimate.differenceOfProportions(Proportion.of(30, 100),
                Proportion.of(20, 100));

        assertThat(difference.estimate()).isCloseTo(0.1, within(1e-12));
        assertThat(difference.lower()).isCloseTo(-0.0192221456, within(1e-9));
        assertThat(difference.upper()).isCloseTo(0.2192221456, within(1e-9));
    }

    @Test
    void anEmptyGroupOrASingleScoreLeavesTheDifferenceUnestimated() {
        assertThat(IntervalEstimate.differenceOfProportions(Proportion.of(0, 0), Proportion.of(1, 2)))
                .isEqualTo(IntervalEstimate.NONE);
        assertThat(IntervalEstimate.differenceOfMeans(MeanEstimate.ofSums(1, 5, 25), MeanEstimate.ofSums(3, 9, 29)))
                .isEqualTo(IntervalEstimate.NONE);
    }

    @Test
    void aProportionShowsItsPartsAndHasNoRateWithoutADenominator() {
        assertThat(Proportion.of(1, 4)).isEqualTo(new Proportion(1, 4, 0.25));
        assertThat(Proportion.of(0, 0).rate()).isNull();
    }
}
