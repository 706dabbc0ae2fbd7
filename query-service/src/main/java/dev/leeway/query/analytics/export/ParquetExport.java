package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A fact table as a Parquet file, assembled by an in-process, in-memory DuckDB: rows come from PostgreSQL's
 * cursor into DuckDB's appender (its fast bulk path), then DuckDB writes the file with {@code COPY ... (FORMAT
 * PARQUET)}, Snappy-compressed (DuckDB's default; ZSTD makes files half the size but takes twice as long to
 * write). Parquet's footer is written last, so the file is complete before a byte is sent. DuckDB never
 * touches the network: its own Parquet writer is built in, extension auto-loading is off, and it does not read
 * PostgreSQL itself (its postgres scanner would need an extension download).
 */
@Component
class ParquetExport {

    private static final Logger log = LoggerFactory.getLogger(ParquetExport.class);
    private static final String TABLE = "facts";

    private final FactRows rows;
    private final ExportSettings settings;

    ParquetExport(FactRows rows, ExportSettings settings) {
        this.rows = rows;
        this.settings = settings;
    }

    /** A Parquet file written from a table's rows, and how many; the caller deletes the file once sent. */
    record ParquetFile(Path path, long rows) {
    }

    /** A new Parquet file of the rows of {@code table} whose case was opened in {@code range}. */
    ParquetFile write(FactTable table, AnalyticsWindow range) {
        Path file = temporaryFile();
        long started = System.nanoTime();
        try (DuckDBConnection duck = duckDb(spillDirectory(file)); Statement statement = duck.createStatement()) {
            statement.execute(table.duckDbTable(TABLE));
            List<FactColumn> columns = table.columns();
            long[] rowCount = {0};
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                rows.stream(table, range, row -> {
                    appender.beginRow();
                    for (int i = 0; i < columns.size(); i++) {
                        columns.get(i).type().append(row, i + 1, appender);
                    }
                    appender.endRow();
                    rowCount[0]++;
                });
            }
            long appended = System.nanoTime();
            statement.execute("COPY (" + table.parquetRows(TABLE) + ") TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT PARQUET, COMPRESSION SNAPPY)");
            log.info("Parquet export of {}: {} rows read and appended in {} ms, file written in {} ms", table.table(),
                    rowCount[0], (appended - started) / 1_000_000, (System.nanoTime() - appended) / 1_000_000);
            return new ParquetFile(file, rowCount[0]);
        } catch (SQLException | RuntimeException e) {
            delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("Parquet export failed", e);
        } finally {
            deleteSpill(spillDirectory(file));
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the export file " + file, e);
        }
    }

    private Path temporaryFile() {
        try {
            Path directory = Files.createDirectories(settings.temporaryFiles());
            return Files.createTempFile(directory, "leeway-export-", ".parquet");
        } catch (IOException e) {
            throw new UncheckedIOException("no room for the export file", e);
        }
    }

    /** One per export: DuckDB deletes its temporary directory on close, so two exports must not share one. */
    private static Path spillDirectory(Path file) {
        return file.resolveSibling(file.getFileName() + ".spill");
    }

    private static void deleteSpill(Path directory) {
        try (var files = Files.exists(directory) ? Files.list(directory) : java.util.stream.Stream.<Path>empty()) {
            files.forEach(ParquetExport::delete);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete DuckDB's spill directory " + directory, e);
        }
    }

    private DuckDBConnection duckDb(Path spill) throws SQLException {
        Properties options = new Properties();
        options.setProperty("memory_limit", settings.duckDbMemory());
        options.setProperty("threads", Integer.toString(settings.duckDbThreads()));
        options.setProperty("temp_directory", spill.toString());
        options.setProperty("preserve_insertion_order", "false");
        options.setProperty("autoinstall_known_extensions", "false");
        options.setProperty("autoload_known_extensions", "false");
        return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", options);
    }
}
