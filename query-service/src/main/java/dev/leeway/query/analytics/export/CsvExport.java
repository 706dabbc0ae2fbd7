package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A fact table as CSV (RFC 4180 quoting, a header row of column names, null as an empty field), written row by
 * row as PostgreSQL's cursor delivers them: memory stays at one fetch, whatever the range.
 */
@Component
class CsvExport {

    private final CsvMapper csv = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private final FactRows rows;

    CsvExport(FactRows rows) {
        this.rows = rows;
    }

    /** @return the number of rows written */
    long write(FactTable table, AnalyticsWindow range, OutputStream out) {
        List<FactColumn> columns = table.columns();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(column -> schema.addColumn(column.name()));
        long[] written = {0};
        try (CsvGenerator generator = csv.getFactory().createGenerator(out)) {
            generator.setSchema(schema.build());
            rows.stream(table, range, row -> {
                try {
                    generator.writeStartArray();
                    for (int i = 0; i < columns.size(); i++) {
                        columns.get(i).type().csv(row, i + 1, generator);
                    }
                    generator.writeEndArray();
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException("CSV export interrupted", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("CSV export interrupted", e);
        }
        return written[0];
    }
}
