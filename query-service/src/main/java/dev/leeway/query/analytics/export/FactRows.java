package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;

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

    /**
     * The rows of {@code select} (a {@link FactTable#copySelect}) as PostgreSQL's own CSV, written to {@code file}
     * with {@code COPY ... TO STDOUT}: the server formats every value, the driver only passes bytes on. Times are
     * written in UTC and dates in ISO form whatever the server's defaults. Returns the number of rows.
     */
    long copy(String select, Path file) {
        return readOnly.execute(status -> jdbc.execute((ConnectionCallback<Long>) connection -> {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO'");
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv)", out);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the rows to " + file, e);
            }
        }));
    }

    /** Each row of {@code table} whose case was opened in {@code window}, columns in {@link FactTable#columns()} order. */
    void stream(FactTable table, AnalyticsWindow window, RowCallbackHandler row) {
        readOnly.executeWithoutResult(status -> jdbc.query(table.select(window), row,
                window.arguments().toArray()));
    }
}
