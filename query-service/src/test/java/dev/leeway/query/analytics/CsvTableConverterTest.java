package dev.leeway.query.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leeway.query.analytics.stats.Proportion;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableConverterTest {

    private final CsvTableConverter converter = new CsvTableConverter(new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    record Row(String group, Proportion rate, Map<String, BigDecimal> value, Instant at, List<String> notes) {
    }

    record Table(List<Row> rows) implements CsvTable {
        @Override
        public List<?> csvRows() {
            return rows;
        }
    }

    @Test
    void nestedFieldsBecomeDottedColumnsAndAmountsKeepTheirScale() throws Exception {
        Map<String, BigDecimal> value = new TreeMap<>(Map.of("EUR", new BigDecimal("120.00")));
        String csv = write(new Table(List.of(new Row("PHONE", Proportion.of(1, 3), value,
                Instant.parse("2026-01-05T00:00:00Z"), List.of()))));

        assertThat(csv).isEqualTo("""
                group,rate.numerator,rate.denominator,rate.rate,value.EUR,at,notes
                PHONE,1,3,0.3333333333333333,120.00,2026-01-05T00:00:00Z,[]
                """);
    }

    @Test
    void aCellWithACommaOrAQuoteIsQuotedWithItsQuotesDoubled() throws Exception {
        String csv = write(new Table(List.of(new Row("VIP, \"gold\"", Proportion.of(0, 0), Map.of(), null,
                List.of("a", "b")))));

        assertThat(csv.lines().toList().get(1)).isEqualTo("\"VIP, \"\"gold\"\"\",0,0,,,\"[\"\"a\"\",\"\"b\"\"]\"");
    }

    @Test
    void columnsAreTheUnionOfAllRowsInFirstSeenOrder() throws Exception {
        String csv = write(new Table(List.of(
                new Row("A", Proportion.of(1, 2), new TreeMap<>(Map.of("EUR", BigDecimal.ONE)), null, List.of()),
                new Row("B", Proportion.of(1, 2), new TreeMap<>(Map.of("USD", BigDecimal.TEN)), null, List.of()))));

        assertThat(csv.lines().toList()).containsExactly(
                "group,rate.numerator,rate.denominator,rate.rate,value.EUR,at,notes,value.USD",
                "A,1,2,0.5,1,,[],",
                "B,1,2,0.5,,,[],10");
    }

    @Test
    void theTargetIsLeftOpenForTheContainerToClose() throws Exception {
        boolean[] closed = {false};
        StringWriter out = new StringWriter() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        converter.write(new Table(List.of(new Row("A", Proportion.of(1, 2), Map.of(), null, List.of()))), out);

        assertThat(closed[0]).isFalse();
        assertThat(out.toString()).startsWith("group,");
    }

    private String write(CsvTable table) throws Exception {
        StringWriter out = new StringWriter();
        converter.write(table, out);
        return out.toString();
    }
}
