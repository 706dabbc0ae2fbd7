package dev.leeway.projection.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceCheckTest {

    @Test
    void theFirstEventOfAnAggregateIsApplied() {
        assertThat(SequenceCheck.of(SequenceCheck.NOTHING_APPLIED, 0)).isEqualTo(SequenceCheck.APPLY);
    }

    @Test
    void theNextEventIsApplied() {
        assertThat(SequenceCheck.of(4, 5)).isEqualTo(SequenceCheck.APPLY);
    }

    @Test
    void aRedeliveredEventIsRecognisedAsAlreadyApplied() {
        assertThat(SequenceCheck.of(4, 4)).isEqualTo(SequenceCheck.ALREADY_APPLIED);
        assertThat(SequenceCheck.of(4, 0)).isEqualTo(SequenceCheck.ALREADY_APPLIED);
    }

    @Test
    void anEventPastTheNextOneIsAGap() {
        assertThat(SequenceCheck.of(4, 6)).isEqualTo(SequenceCheck.GAP);
        assertThat(SequenceCheck.of(SequenceCheck.NOTHING_APPLIED, 1)).isEqualTo(SequenceCheck.GAP);
    }
}
