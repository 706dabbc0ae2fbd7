package dev.leeway.query.analytics.export;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.query.web.ApiProblem;

import java.util.Locale;

/** The two shapes a notebook reads: CSV for anything, Parquet for typed columns and size. */
enum ExportFormat {

    CSV("text/csv", "csv"),
    PARQUET("application/vnd.apache.parquet", "parquet");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** {@code csv} or {@code parquet}, in any case. */
    static ExportFormat of(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equalsIgnoreCase(name.trim())) {
                return format;
            }
        }
        throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "format must be csv or parquet, not '"
                + name.toLowerCase(Locale.ROOT) + "'.");
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }
}
