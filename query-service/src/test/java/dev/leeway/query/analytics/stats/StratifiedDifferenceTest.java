package dev.leeway.query.analytics.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StratifiedDifferenceTest {

    /**
     * Two strata with 10 and 30 treated cases: weights 1/4 and 3/4. Differences 0.2 and 0.1 give
     * 0.05 + 0.075 = 0.125; variance (1/4)²·0.01 + (3/4)²·0.004 = 0.002875; 0.125 ± 1.96·0.053619 =
     * [0.019907, 0.230093].
     */
    @Test
    void strataAreWeightedByTheirTreatedCasesAndTheirVariancesBySquaredWeights() {
        IntervalEstimate difference = StratifiedDifference.weightedByTreated(List.of(
                new StratifiedDifference.Stratum(10, 0.2, 0.01), new StratifiedDifference.Stratum(30, 0.1, 0.004)));

        assertThat(difference.estimate()).isCloseTo(0.125, within(1e-12));
        assertThat(difference.lower()).isCloseTo(0.0199067081, within(1e-9));
        assertThat(difference.upper()).isCloseTo(0.2300932919, within(1e-9));
    }

    /** Simpson's paradox in miniature: each stratum shows no difference, the pooled rates a large one. */
    @Test
    void likeWithLikeRemovesADifferenceThatOnlyTheMixOfCasesMade() {
        Proportion hardBent = Proportion.of(40, 80);
        Proportion hardComparable = Proportion.of(10, 20);
        Proportion easyBent = Proportion.of(2, 20);
        Proportion easyComparable = Proportion.of(8, 80);

        IntervalEstimate naive = IntervalEstimate.differenceOfProportions(Proportion.of(42, 100),
                Proportion.of(18, 100));
        IntervalEstimate adjusted = StratifiedDifference.weightedByTreated(List.of(
                StratifiedDifference.Stratum.ofProportions(hardBent, hardComparable),
                StratifiedDifference.Stratum.ofProportions(easyBent, easyComparable)));

        assertThat(naive.estimate()).isCloseTo(0.24, within(1e-12));
        assertThat(adjusted.estimate()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void noStrataNoEstimate() {
        assertThat(StratifiedDifference.weightedByTreated(List.of())).isEqualTo(IntervalEstimate.NONE);
    }
}
