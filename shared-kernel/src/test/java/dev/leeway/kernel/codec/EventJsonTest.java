package dev.leeway.kernel.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    /** What 1e100000 became when an earlier version wrote it out in full. */
    private static final String HUNDRED_THOUSAND_ZEROS = "1" + "0".repeat(100_000);

    @Test
    void anOrdinaryEventIsWithinTheLimits() {
        assertThatCode(() -> EventJson.requireWithinLimits("payload", """
                {"caseId":"4f7e","deviation":3,"valueGiven":{"amount":25.00,"currency":"EUR"},"tags":[["a"]]}"""))
                .doesNotThrowAnyException();
    }

    @Test
    void aNumberWrittenOutInFullIsRefusedBeforeItIsStored() {
        assertThatThrownBy(() -> EventJson.requireWithinLimits("payload",
                "{\"deviation\":" + HUNDRED_THOUSAND_ZEROS + "}"))
                .isInstanceOf(EventLimitsExceededException.class)
                .hasMessageContaining("payload").hasMessageContaining("Number value length");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(EventJson.MAX_NESTING_DEPTH + 1) + "]".repeat(EventJson.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> EventJson.requireWithinLimits("metadata", deep))
                .isInstanceOf(EventLimitsExceededException.class).hasMessageContaining("metadata");
    }

    @Test
    void anEventLargerThanTheLimitIsRefused() {
        String large = "{\"text\":\"" + "x".repeat(EventJson.MAX_EVENT_BYTES) + "\"}";
        assertThatThrownBy(() -> EventJson.requireWithinLimits("payload", large))
                .isInstanceOf(EventLimitsExceededException.class).hasMessageContaining("bytes");
    }

    @Test
    void aStoredNumberOfAnyLengthIsReadExactly() throws Exception {
        ObjectMapper stored = EventJson.storedEventMapper();

        Holder holder = stored.readValue("{\"amount\":" + HUNDRED_THOUSAND_ZEROS + ",\"later\":1}", Holder.class);
        JsonNode tree = stored.readTree("{\"amount\":80.00}");

        assertThat(holder.amount()).isEqualByComparingTo(new BigDecimal("1e100000"));
        assertThat(tree.get("amount").decimalValue()).isEqualTo(new BigDecimal("80.00"));
    }

    @Test
    void valuesReadFromStoredEventsKnowWhetherTheyAreWithinBounds() {
        assertThat(new Deviation(new BigDecimal("1e100000"), DeviationUnit.DAYS).withinBounds()).isFalse();
        assertThat(new Deviation(new BigDecimal("0.00001"), DeviationUnit.DAYS).withinBounds()).isFalse();
        assertThat(new Deviation(new BigDecimal(Deviation.MAX_AMOUNT), DeviationUnit.DAYS).withinBounds()).isTrue();
        assertThat(Money.of("1e100000", "EUR").withinBounds()).isFalse();
        assertThat(Money.of(Money.MAX_AMOUNT, "EUR").withinBounds()).isTrue();
    }

    record Holder(BigDecimal amount) {
    }
}
