package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildBenchTest {

    @Test
    void aMillionEventsUnlessToldOtherwise() {
        assertThat(RebuildBench.Options.parse(new String[0])).isEqualTo(new RebuildBench.Options(1_000_000, false));
        assertThat(RebuildBench.Options.parse(new String[] {"--events", "20_000", "--keep"}))
                .isEqualTo(new RebuildBench.Options(20_000, true));
        assertThat(RebuildBench.Options.parse(new String[] {"--events", "2,500,000"}).events()).isEqualTo(2_500_000);
    }

    @Test
    void badOptionsSayWhy() {
        assertThatThrownBy(() -> RebuildBench.Options.parse(new String[] {"--events"})).hasMessageContaining("number");
        assertThatThrownBy(() -> RebuildBench.Options.parse(new String[] {"--events", "many"}))
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> RebuildBench.Options.parse(new String[] {"--events", "0"}))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RebuildBench.Options.parse(new String[] {"--cases", "5"}))
                .hasMessageContaining("unknown option --cases");
    }

    @Test
    void theRawCeilingWritesManyRowsPerStatement() {
        assertThat(RebuildBench.multiRowInsert(3))
                .isEqualTo("INSERT INTO public.bench_raw (id, payload) VALUES (?, ?), (?, ?), (?, ?)");
    }

    @Test
    void procMemoryIsShownInMebiOrGibibytes() {
        assertThat(RebuildBench.kilobytes("24567892 kB")).isEqualTo("23.4 GiB");
        assertThat(RebuildBench.kilobytes("  412340 kB")).isEqualTo("403 MiB");
        assertThat(RebuildBench.kilobytes("lots")).isEqualTo("lots");
    }
}
