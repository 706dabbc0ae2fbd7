package dev.leeway.kernel.cases;

import dev.leeway.kernel.customers.CustomerId;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseIdTest {

    @Test
    void caseIdPrintsAsTheBareUuidBecauseAxonStoresToString() {
        UUID raw = UUID.fromString("0f7b8f7e-2c58-4b1e-a0f1-7a4bb1a8f001");

        assertThat(new CaseId(raw)).hasToString(raw.toString());
        assertThat(CaseId.of(raw.toString())).isEqualTo(new CaseId(raw));
    }

    @Test
    void caseIdRejectsNull() {
        assertThatThrownBy(() -> new CaseId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void customerIdRejectsBlankAndOverlongValues() {
        assertThatThrownBy(() -> new CustomerId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerId("x".repeat(CustomerId.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CustomerId("CUST-1")).hasToString("CUST-1");
    }
}
