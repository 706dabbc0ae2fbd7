package dev.leeway.query.analytics.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KatzIntervalTest {

    /**
     * The Uniform Guidelines' own example (EEOC Questions and Answers, Q12): 48 of 80 applicants of one group
     * selected, 12 of 40 of another: 30% / 60% = 0.5, adverse impact. Interval worked by hand:
     * SE = sqrt(1/12 − 1/40 + 1/48 − 1/80) = sqrt(1/15); exp(ln 0.5 ± 1.96·0.258199) = [0.301430, 0.829380].
     */
    @Test
    void theGuidelinesExampleHasRatioOneHalfWithTheKatzInterval() {
        IntervalEstimate ratio = KatzInterval.ratio(12, 40, 48, 80);

        assertThat(ratio.estimate()).isCloseTo(0.5, within(1e-12));
        assertThat(ratio.lower()).isCloseTo(0.301430138, within(1e-9));
        assertThat(ratio.upper()).isCloseTo(0.829379576, within(1e-9));
    }

    @Test
    void aRatioAboveOneHasAnIntervalAsymmetricOnTheLinearScale() {
        IntervalEstimate ratio = KatzInterval.ratio(30, 100, 10, 100);

        assertThat(ratio.estimate()).isCloseTo(3.0, within(1e-12));
        assertThat(ratio.lower()).isCloseTo(1.550810916, within(1e-9));
        assertThat(ratio.upper()).isCloseTo(5.803415429, within(1e-9));
    }

    @Test
    void aZeroNumeratorRateGivesRatioZeroWithoutAnInterval() {
        assertThat(KatzInterval.ratio(0, 40, 10, 50)).isEqualTo(new IntervalEstimate(0.0, null, null));
    }

    @Test
    void aZeroDenominatorRateGivesNoRatio() {
        assertThat(KatzInterval.ratio(0, 40, 0, 50)).isEqualTo(IntervalEstimate.NONE);
    }

    @Test
    void equalAllBentGroupsGiveRatioOneWithAZeroWidthInterval() {
        IntervalEstimate ratio = KatzInterval.ratio(40, 40, 50, 50);

        assertThat(ratio.estimate()).isEqualTo(1.0);
        assertThat(ratio.lower()).isEqualTo(1.0);
        assertThat(ratio.upper()).isEqualTo(1.0);
    }

    @Test
    void countsThatCannotBeRatesAreRefused() {
        assertThatThrownBy(() -> KatzInterval.ratio(5, 4, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KatzInterval.ratio(0, 0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
