package dev.leeway.query.analytics;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes any {@link CsvTable} as CSV: a header row, then one line per row (lines end with LF); a cell holding a
 * comma, a double quote or a line break is quoted, its quotes doubled (RFC 4180). The cells are
 * the JSON answer's own values, obtained through the application's {@link ObjectMapper}, so a figure reads the same
 * in both formats and no report has its own CSV code. A nested list (rare: excluded strata) goes in one cell as
 * JSON.
 */
public class CsvTableConverter extends AbstractHttpMessageConverter<CsvTable> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** The response stream is the servlet container's to close: closing it here would end the answer early. */
    private static final CsvMapper CSV = CsvMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final ObjectMapper json;
    /** Reads the rows back without losing digits: 120.00 stays 120.00, 0.1 stays 0.1. */
    private final ObjectMapper exact;

    public CsvTableConverter(ObjectMapper json) {
        super(StandardCharsets.UTF_8, TEXT_CSV);
        this.json = json;
        this.exact = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CsvTable readInternal(Class<? extends CsvTable> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is only written", input);
    }

    @Override
    protected void writeInternal(CsvTable table, HttpOutputMessage output) throws IOException {
        Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
        write(table, writer);
        writer.flush();
    }

    /**
     * The table as CSV text; for callers outside HTTP too (a dashboard's download link). A table without rows is
     * an empty text: its columns come from its rows.
     */
    public void write(CsvTable table, Writer writer) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Object row : table.csvRows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            flatten("", exact.readTree(json.writeValueAsString(row)), cells);
            columns.addAll(cells.keySet());
            rows.add(cells);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        columns.forEach(schema::addColumn);
        try (var out = CSV.writer(schema.build()).writeValues(writer)) {
            for (Map<String, String> row : rows) {
                out.write(row);
            }
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> cells) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), cells);
            }
        } else if (node.isNull()) {
            cells.put(prefix, "");
        } else if (node.isNumber()) {
            cells.put(prefix, node.decimalValue().toPlainString());
        } else if (node.isValueNode()) {
            cells.put(prefix, node.asText());
        } else {
            cells.put(prefix, node.toString());
        }
    }
}
