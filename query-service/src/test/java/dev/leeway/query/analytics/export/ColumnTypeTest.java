package dev.leeway.query.analytics.export;

import dev.leeway.query.web.ApiProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTypeTest {

    @Test
    void everyAmountLeewayAcceptsFitsParquetsDecimalAtScaleFour() {
        assertThat(ColumnType.fitting(new BigDecimal("1000000000.00"))).isEqualByComparingTo("1000000000")
                .hasToString("1000000000.0000");
        assertThat(ColumnType.fitting(new BigDecimal("0.2500"))).hasToString("0.2500");
        assertThat(ColumnType.fitting(new BigDecimal("12.50000000"))).hasToString("12.5000");
    }

    @Test
    void aStoredValueBeyondDecimal38ScaleFourIsNullRatherThanRounded() {
        assertThat(ColumnType.fitting(new BigDecimal("1.23456"))).isNull();
        assertThat(ColumnType.fitting(new BigDecimal("1E+34"))).isNull();
        assertThat(ColumnType.fitting(new BigDecimal("1E+33"))).isNotNull();
        assertThat(ColumnType.fitting(null)).isNull();
    }
}
