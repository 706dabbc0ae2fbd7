package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bench rebuild} and {@code bench analytics} take the same options. */
class BenchOptionsTest {

    @Test
    void aMillionEventsUnlessToldOtherwise() {
        assertThat(BenchOptions.parse(new String[0])).isEqualTo(new BenchOptions(1_000_000, false));
        assertThat(BenchOptions.parse(new String[] {"--events", "20_000", "--keep"}))
                .isEqualTo(new BenchOptions(20_000, true));
        assertThat(BenchOptions.parse(new String[] {"--keep", "--events", "2,500,000"}))
                .isEqualTo(new BenchOptions(2_500_000, true));
    }

    @Test
    void badOptionsSayWhy() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events"})).hasMessageContaining("number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events", "many"}))
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events", "0"}))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--cases", "5"}))
                .hasMessageContaining("unknown option --cases");
    }
}
