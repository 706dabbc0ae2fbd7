package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void fiftySamplesHaveTheSlowestAsP99() {
        List<Long> samples = shuffled(1, 50);

        assertThat(Percentiles.of(samples)).isEqualTo(new Percentiles(50, 25, 48, 50, 50));
    }

    @Test
    void aHundredSamplesHaveTheSecondSlowestAsP99() {
        assertThat(Percentiles.of(shuffled(1, 100))).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void everyPercentileIsAMeasuredSampleAtTheNearestRank() {
        long[] sorted = {3, 7, 7, 20};

        assertThat(Percentiles.at(sorted, 1)).isEqualTo(3);
        assertThat(Percentiles.at(sorted, 25)).isEqualTo(3);
        assertThat(Percentiles.at(sorted, 26)).isEqualTo(7);
        assertThat(Percentiles.at(sorted, 75)).isEqualTo(7);
        assertThat(Percentiles.at(sorted, 76)).isEqualTo(20);
        assertThat(Percentiles.at(sorted, 100)).isEqualTo(20);
    }

    @Test
    void ranksAreWorkedOutInIntegersNotDoubles() {
        // 0.07 * 100 is 7.000000000000001 in doubles: its ceiling would be rank 8.
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();

        assertThat(Percentiles.at(hundred, 7)).isEqualTo(7);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertThat(Percentiles.of(List.of(42L))).isEqualTo(new Percentiles(1, 42, 42, 42, 42));
    }

    @Test
    void noSamplesOrAPercentOutsideOneToAHundredIsRefused() {
        assertThatThrownBy(() -> Percentiles.of(List.of())).hasMessageContaining("no samples");
        assertThatThrownBy(() -> Percentiles.at(new long[] {1}, 0)).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> Percentiles.at(new long[] {1}, 101)).hasMessageContaining("1 to 100");
    }

    private static List<Long> shuffled(long from, long to) {
        List<Long> samples = new ArrayList<>(LongStream.rangeClosed(from, to).boxed().toList());
        Collections.shuffle(samples, new java.util.Random(7));
        return samples;
    }
}
