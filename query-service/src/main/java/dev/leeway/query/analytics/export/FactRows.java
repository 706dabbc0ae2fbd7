package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * A fact table's rows, streamed from PostgreSQL through a cursor. PostgreSQL's driver only honours a fetch size
 * inside a transaction (otherwise it reads the whole result into memory first), hence the read-only transaction
 * around every stream; it also gives the export one snapshot.
 */
@Repository
class FactRows {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    FactRows(DataSource dataSource, PlatformTransactionManager transactions, ExportSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(settings.fetchSize());
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Each row of {@code table} whose case was opened in {@code window}, columns in {@link FactTable#columns()} order. */
    void stream(FactTable table, AnalyticsWindow window, RowCallbackHandler row) {
        readOnly.executeWithoutResult(status -> jdbc.query(table.select(window), row,
                window.arguments().toArray()));
    }
}
