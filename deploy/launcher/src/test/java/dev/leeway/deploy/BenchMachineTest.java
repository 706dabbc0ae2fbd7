package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMachineTest {

    @Test
    void procMemoryIsShownInMebiOrGibibytes() {
        assertThat(BenchMachine.kilobytes("24567892 kB")).isEqualTo("23.4 GiB");
        assertThat(BenchMachine.kilobytes("  412340 kB")).isEqualTo("403 MiB");
        assertThat(BenchMachine.kilobytes("lots")).isEqualTo("lots");
    }
}
