package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildBenchTest {

    @Test
    void theRawCeilingWritesManyRowsPerStatement() {
        assertThat(RebuildBench.multiRowInsert(3))
                .isEqualTo("INSERT INTO public.bench_raw (id, payload) VALUES (?, ?), (?, ?), (?, ?)");
    }
}
