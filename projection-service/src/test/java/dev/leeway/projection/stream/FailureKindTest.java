package dev.leeway.projection.stream;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureKindTest {

    @Test
    void theDatabaseBeingAwayOrBusyIsTransient() {
        assertThat(FailureKind.of(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new CannotCreateTransactionException("could not open"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RecoverableDataAccessException("reconnect"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new QueryTimeoutException("timed out"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new CannotAcquireLockException("lock"))).isEqualTo(FailureKind.TRANSIENT);
        for (String state : new String[] {"08006", "08001", "40001", "40P01", "53300", "57P01", "57014", "55P03"}) {
            assertThat(FailureKind.of(sql(state))).as(state).isEqualTo(FailureKind.TRANSIENT);
        }
    }

    @Test
    void whatIsWrongWithTheEventIsPermanent() {
        assertThat(FailureKind.of(new IllegalStateException("cannot read CaseOpened",
                new JsonParseException(null, "Unexpected end-of-input")))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new IllegalArgumentException("Invalid UUID string: x"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new DataIntegrityViolationException("insert",
                new SQLException("ERROR: numeric field overflow", "22003")))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new DuplicateKeyException("insert", new SQLException("duplicate", "23505"))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new BadSqlGrammarException("insert", "INSERT", new SQLException("no column", "42703"))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(sql("40002"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(sql("XX000"))).isEqualTo(FailureKind.PERMANENT);
    }

    private static RuntimeException sql(String state) {
        return new UncategorizedSQLException("apply", "UPDATE ...", new SQLException("ERROR: " + state, state));
    }
}
