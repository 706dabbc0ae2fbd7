package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
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
import java.util.Properties;

/**
 * A fact table as a Parquet file, in two bulk steps: PostgreSQL copies the rows out as CSV into a temporary file
 * ({@code COPY ... TO STDOUT}: the server formats the values, nothing is parsed in Java), then an in-process,
 * in-memory DuckDB reads that file with every column's type given and writes the Parquet file with {@code COPY ...
 * (FORMAT PARQUET)}, Snappy-compressed (DuckDB's default; ZSTD makes files half the size but takes twice as long
 * to write). Both files are on disk before a byte is sent (Parquet's footer is written last); the CSV is deleted
 * at once. DuckDB never touches the network: its own CSV reader and Parquet writer are built in, extension
 * auto-loading is off, and it does not read PostgreSQL itself (its postgres scanner would need an extension
 * download).
 */
@Component
class ParquetExport {

    private static final Logger log = LoggerFactory.getLogger(ParquetExport.class);
    /**
     * Rows per Parquet row group (five of DuckDB's 2,048-row vectors). DuckDB writes row groups in parallel: 200,000
     * bends took it 430 ms at this size, 710 ms at its default of 122,880 (2 cores). Readers lose nothing that
     * matters at export sizes: statistics per group are finer, the footer a little longer.
     */
    private static final int ROW_GROUP_SIZE = 10_240;

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
        Path copied = file.resolveSibling(file.getFileName() + ".csv");
        long started = System.nanoTime();
        try {
            long rowCount = rows.copy(table.copySelect(range), copied);
            long read = System.nanoTime();
            try (DuckDBConnection duck = duckDb(spillDirectory(file)); Statement statement = duck.createStatement()) {
                statement.execute("COPY (" + table.parquetRows(copied) + ") TO '"
                        + file.toString().replace("'", "''") + "' (FORMAT PARQUET, COMPRESSION SNAPPY, ROW_GROUP_SIZE "
                        + ROW_GROUP_SIZE + ")");
            }
            log.info("Parquet export of {}: {} rows copied out of PostgreSQL in {} ms, file written in {} ms",
                    table.table(), rowCount, (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
            return new ParquetFile(file, rowCount);
        } catch (SQLException | RuntimeException e) {
            delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("Parquet export failed", e);
        } finally {
            delete(copied);
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
