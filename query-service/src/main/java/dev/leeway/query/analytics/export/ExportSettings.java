package dev.leeway.query.analytics.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * How exports use the machine ({@code leeway.analytics.export.*}, e.g. {@code LEEWAY_ANALYTICS_EXPORT_TEMP_DIRECTORY}).
 *
 * @param fetchSize     rows fetched from PostgreSQL per round trip for a CSV export: the cursor keeps at most this
 *                      many in memory
 * @param tempDirectory where a Parquet export's rows are copied out of PostgreSQL as CSV (about as large as the
 *                      CSV export of the same range; deleted once read) and its Parquet file is written before it is
 *                      sent (and deleted), and beside them the directory DuckDB spills to when it outgrows its
 *                      memory limit (deleted too); the JVM's temporary directory when not set
 * @param duckDbMemory  DuckDB's memory limit while it assembles a Parquet file (off the Java heap)
 * @param duckDbThreads DuckDB's worker threads while it writes the file
 */
@ConfigurationProperties("leeway.analytics.export")
record ExportSettings(@DefaultValue("10000") int fetchSize,
                      Path tempDirectory,
                      @DefaultValue("512MB") String duckDbMemory,
                      @DefaultValue("2") int duckDbThreads) {

    Path temporaryFiles() {
        return tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
