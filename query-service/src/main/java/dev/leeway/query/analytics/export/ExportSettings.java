package dev.leeway.query.analytics.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * How exports use the machine ({@code leeway.analytics.export.*}, e.g. {@code LEEWAY_ANALYTICS_EXPORT_TEMP_DIRECTORY}).
 *
 * @param fetchSize     rows fetched from PostgreSQL per round trip for a CSV export: the cursor keeps at most this
 *                      many in memory
 * @param tempDirectory where a Parquet export's file is written before it is sent (and deleted once sent); the
 *                      JVM's temporary directory when not set
 */
@ConfigurationProperties("leeway.analytics.export")
record ExportSettings(@DefaultValue("10000") int fetchSize, Path tempDirectory) {

    Path temporaryFiles() {
        return tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
