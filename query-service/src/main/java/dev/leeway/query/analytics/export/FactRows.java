package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    /** What reads a binary COPY's rows as they arrive. */
    @FunctionalInterface
    interface CopiedRows {
        void read(BinaryCopyReader rows) throws IOException;
    }

    /**
     * The rows of {@code select} (a {@link FactTable#copySelect}) in PostgreSQL's binary COPY format
     * ({@code COPY ... TO STDOUT (FORMAT binary)}), handed to {@code reader} as the driver receives them: the server
     * sends each value in its binary form, nothing is formatted as text and parsed back.
     */
    void copy(String select, CopiedRows reader) {
        readOnly.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
            try (InputStream in = new PGCopyInputStream(copy)) {
                reader.read(new BinaryCopyReader(in));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the copied rows", e);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return null;
        }));
    }

    /** Each row of {@code table} whose case was opened in {@code window}, columns in {@link FactTable#columns()} order. */
    void stream(FactTable table, AnalyticsWindow window, RowCallbackHandler row) {
        readOnly.executeWithoutResult(status -> jdbc.query(table.select(window), row,
                window.arguments().toArray()));
    }
}
