package dev.leeway.query.analytics.export;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
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
 * PARQUET)}. Parquet's footer is written last, so the file is complete before a byte is sent. DuckDB never
 * touches the network: its own Parquet writer is built in, extension auto-loading is off, and it does not read
 * PostgreSQL itself (its postgres scanner would need an extension download).
 */
@Component
class ParquetExport {

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
    ParquetFile write(FactTable table, OpenedAtRange range) {
        Path file = temporaryFile();
        try (DuckDBConnection duck = duckDb(); Statement statement = duck.createStatement()) {
            statement.execute(table.duckDbTable(TABLE));
            List<FactColumn> columns = table.columns();
            long[] appended = {0};
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                rows.stream(table, range, row -> {
                    appender.beginRow();
                    for (int i = 0; i < columns.size(); i++) {
                        columns.get(i).type().append(row, i + 1, appender);
                    }
                    appender.endRow();
                    appended[0]++;
                });
            }
            statement.execute("COPY " + TABLE + " TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
            return new ParquetFile(file, appended[0]);
        } catch (SQLException | RuntimeException e) {
            delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("Parquet export failed", e);
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

    private DuckDBConnection duckDb() throws SQLException {
        Properties options = new Properties();
        options.setProperty("memory_limit", settings.duckDbMemory());
        options.setProperty("threads", Integer.toString(settings.duckDbThreads()));
        options.setProperty("temp_directory", settings.temporaryFiles().resolve("leeway-duckdb").toString());
        options.setProperty("preserve_insertion_order", "false");
        options.setProperty("autoinstall_known_extensions", "false");
        options.setProperty("autoload_known_extensions", "false");
        return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", options);
    }
}
