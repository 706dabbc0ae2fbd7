package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times an export outside the web layer, for {@code deploy/leeway bench analytics}: the same classes the endpoint
 * uses, over any data source (the query role's, to measure what analysts get). No main class: call it from the
 * bench harness.
 */
public final class ExportBenchmark {

    /** What one export took. {@code bytes} is the file (Parquet) or the stream (CSV) size. */
    public record Measurement(String table, String format, long rows, long bytes, long millis) {

        public double rowsPerSecond() {
            return millis == 0 ? rows * 1000.0 : rows * 1000.0 / millis;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s.%s: %,d rows, %,d bytes in %,d ms (%,.0f rows/s)", table, format,
                    rows, bytes, millis, rowsPerSecond());
        }
    }

    private ExportBenchmark() {
    }

    /**
     * Exports every row of {@code table} ({@code cases}, {@code case-actors} or {@code bends}) as {@code format}
     * ({@code csv} or {@code parquet}), discarding the output.
     */
    public static Measurement run(DataSource dataSource, String table, String format, Path temporaryFiles) {
        FactTable facts = FactTable.valueOf(table.toUpperCase(Locale.ROOT).replace('-', '_'));
        ExportFormat exportFormat = ExportFormat.of(format);
        ExportSettings settings = new ExportSettings(10_000, temporaryFiles);
        FactRows rows = new FactRows(dataSource, new DataSourceTransactionManager(dataSource), settings);
        long started = System.nanoTime();
        long count;
        long bytes;
        if (exportFormat == ExportFormat.CSV) {
            CountingSink sink = new CountingSink();
            count = new CsvExport(rows).write(facts, AnalyticsWindow.ALL_TIME, sink);
            bytes = sink.bytes;
        } else {
            ParquetExport.ParquetFile file = new ParquetExport(rows, settings).write(facts, AnalyticsWindow.ALL_TIME);
            try (var read = Files.newInputStream(file.path()); CountingSink sink = new CountingSink()) {
                read.transferTo(sink);
                bytes = sink.bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ParquetExport.delete(file.path());
            }
            count = file.rows();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Measurement(facts.fileName(), exportFormat.extension(), count, bytes, millis);
    }

    private static final class CountingSink extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
