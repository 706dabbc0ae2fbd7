package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.web.ApiDocumentation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The analysts' fact tables for notebooks, as CSV or Parquet. Written straight to the servlet response (not as an
 * async {@code StreamingResponseBody}, whose 30-second async timeout a large range would outlast).
 */
@RestController
@RequestMapping("/analytics/export")
@Tag(name = "Analytics export", description = "The fact tables analysts' notebooks start from, streamed as CSV "
        + "(`format=csv`, the default) or Parquet (`format=parquet`). Columns are named and typed as in the fact "
        + "tables (see the README's column list); nothing in them is personal text. Rows come in no promised "
        + "order. `from`/`to` (ISO-8601 instants; from inclusive, to exclusive) select cases by opened_at; a "
        + "case's bends and actors go with it. In Parquet, ids are strings, times UTC timestamps (µs), amounts "
        + "DECIMAL(38, 4) (null where a value stored before Leeway's bounds does not fit; within_bounds is false "
        + "there; CSV has it exactly).")
@SecurityRequirement(name = ApiDocumentation.BEARER, scopes = "ANALYST")
class FactExportController {

    private final CsvExport csv;
    private final ParquetExport parquet;

    FactExportController(CsvExport csv, ParquetExport parquet) {
        this.csv = csv;
        this.parquet = parquet;
    }

    @GetMapping("/cases")
    @Operation(summary = "One row per case (case_fact)",
            description = "Channel, segment, severity, failure cause, opening, resolutions, re-contacts, "
                    + "satisfaction and bend counts per case. 400 VALIDATION_FAILED for a bad format or range.")
    @ExportResponses
    void cases(@FormatParameter @RequestParam(defaultValue = "csv") String format,
               @RangeParameter @RequestParam(required = false) String from,
               @RangeParameter @RequestParam(required = false) String to,
               HttpServletResponse response) throws IOException {
        export(FactTable.CASES, format, from, to, response);
    }

    @GetMapping("/case-actors")
    @Operation(summary = "One row per person who acted on a case (case_actor_fact)",
            description = "Who opened, logged, bent, resolved or reopened each case, with the bends they asked "
                    + "for on it. 400 VALIDATION_FAILED for a bad format or range.")
    @ExportResponses
    void caseActors(@FormatParameter @RequestParam(defaultValue = "csv") String format,
                    @RangeParameter @RequestParam(required = false) String from,
                    @RangeParameter @RequestParam(required = false) String to,
                    HttpServletResponse response) throws IOException {
        export(FactTable.CASE_ACTORS, format, from, to, response);
    }

    @GetMapping("/bends")
    @Operation(summary = "One row per bend (bend_fact)",
            description = "Policy and version, deviation, value, status and authority, who asked (with their "
                    + "roles then), who decided and reviewed, and when. 400 VALIDATION_FAILED for a bad format or "
                    + "range.")
    @ExportResponses
    void bends(@FormatParameter @RequestParam(defaultValue = "csv") String format,
               @RangeParameter @RequestParam(required = false) String from,
               @RangeParameter @RequestParam(required = false) String to,
               HttpServletResponse response) throws IOException {
        export(FactTable.BENDS, format, from, to, response);
    }

    private void export(FactTable table, String formatName, String from, String to, HttpServletResponse response)
            throws IOException {
        ExportFormat format = ExportFormat.of(formatName);
        AnalyticsWindow range = AnalyticsWindow.requested(from, to);
        if (format == ExportFormat.CSV) {
            start(response, table, format);
            csv.write(table, range, response.getOutputStream());
            return;
        }
        Path file = parquet.write(table, range).path();
        try {
            start(response, table, format);
            response.setContentLengthLong(Files.size(file));
            try (OutputStream out = response.getOutputStream()) {
                Files.copy(file, out);
            }
        } finally {
            ParquetExport.delete(file);
        }
    }

    private static void start(HttpServletResponse response, FactTable table, ExportFormat format) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format.mediaType() + (format == ExportFormat.CSV ? ";charset=UTF-8" : ""));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(table.fileName() + "." + format.extension()).build().toString());
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(description = "csv (default) or parquet",
            schema = @Schema(type = "string", allowableValues = {"csv", "parquet"}, defaultValue = "csv"))
    @interface FormatParameter {
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(description = "On the case's opened_at, from inclusive, to exclusive, open when absent: an ISO-8601 "
            + "instant, or a date meaning its midnight UTC", example = "2026-01-01T00:00:00Z")
    @interface RangeParameter {
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "The rows: CSV with a header row, or a Parquet file",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vnd.apache.parquet",
                            schema = @Schema(type = "string", format = "binary"))})
    @interface ExportResponses {
    }
}
