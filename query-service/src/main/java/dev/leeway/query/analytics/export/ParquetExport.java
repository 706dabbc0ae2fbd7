package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.export.parquet.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fact table as a Parquet file, in one pass: PostgreSQL sends the rows in its binary COPY format
 * ({@link FactRows#copy}) and each value goes straight into the {@link ParquetWriter}, which writes a row group
 * at a time to a temporary file. The file is complete before a byte is sent (Parquet's footer comes last, and an
 * export that fails half-way must answer an error, not half a file); the caller deletes it once sent.
 */
@Component
class ParquetExport {

    private static final Logger log = LoggerFactory.getLogger(ParquetExport.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /**
     * Rows per Parquet row group: what the writer holds in memory at once (about 12 MB of bends), and what a
     * reader such as DuckDB or polars reads in parallel.
     */
    private static final int ROW_GROUP_SIZE = 50_000;

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
        long startedCpu = THREADS.getCurrentThreadCpuTime();
        try {
            long written = write(table, range, file);
            log.info("Parquet export of {}: {} rows in {} ms ({} ms of it this thread's CPU: decoding and "
                            + "writing; the rest waiting for PostgreSQL)", table.table(), written,
                    (System.nanoTime() - started) / 1_000_000,
                    (THREADS.getCurrentThreadCpuTime() - startedCpu) / 1_000_000);
            return new ParquetFile(file, written);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private long write(FactTable table, AnalyticsWindow range, Path file) {
        ColumnType[] types = table.columns().stream().map(FactColumn::type).toArray(ColumnType[]::new);
        try (ParquetWriter parquet = new ParquetWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                table.parquetColumns(), ROW_GROUP_SIZE)) {
            rows.copy(table.copySelect(range), copied -> {
                while (copied.nextRow() >= 0) {
                    for (ColumnType type : types) {
                        if (copied.nextField() < 0) {
                            parquet.nullValue();
                        } else {
                            type.parquet(copied, parquet);
                        }
                    }
                    parquet.endRow();
                }
            });
            return parquet.rows();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Parquet file " + file, e);
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
}
