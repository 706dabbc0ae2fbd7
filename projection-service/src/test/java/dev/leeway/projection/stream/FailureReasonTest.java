package dev.leeway.projection.stream;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReasonTest {

    @Test
    void theCauseComesFirstThenWhatReportedItOneLineEach() {
        SQLException refused = new SQLException("""
                ERROR: new row for relation "case_summary" violates check constraint "subject_short"
                  Detail: Failing row contains (Mrs Jones, broken hip).""", "23514");

        String reason = FailureReason.of(new DataIntegrityViolationException(
                "PreparedStatementCallback; SQL [INSERT INTO read_model.case_summary ...]; " + refused.getMessage(), refused));

        assertThat(reason).startsWith("java.sql.SQLException: ERROR: new row for relation \"case_summary\" violates")
                .contains(" <- org.springframework.dao.DataIntegrityViolationException: PreparedStatementCallback;")
                .doesNotContain("Failing row", "Jones", "\n");
    }

    @Test
    void aLongMessageIsCutToFitTheColumn() {
        String reason = FailureReason.of(new IllegalStateException("x".repeat(5_000), new RuntimeException("y".repeat(5_000))));

        assertThat(reason).hasSizeLessThanOrEqualTo(FailureReason.MAX_LENGTH);
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsClass() {
        assertThat(FailureReason.of(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }
}
