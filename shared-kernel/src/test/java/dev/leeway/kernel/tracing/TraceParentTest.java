package dev.leeway.kernel.tracing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceParentTest {

    @Test
    void aW3cHeaderReadsBackToTheSameIdsAndFlag() {
        TraceParent parent = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

        assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.sampled()).isTrue();
        assertThat(parent.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow()
                .sampled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"})
    void anythingElseIsNoTraceContext(String value) {
        assertThat(TraceParent.parse(value)).isEmpty();
        assertThat(TraceParent.parse(null)).isEmpty();
    }

    @Test
    void idsThatAreNotHexOfTheRightLengthAreRefused() {
        assertThatThrownBy(() -> new TraceParent("abc", "00f067aa0ba902b7", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
