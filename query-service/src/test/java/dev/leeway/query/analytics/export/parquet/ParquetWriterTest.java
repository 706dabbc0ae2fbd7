package dev.leeway.query.analytics.export.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files the writer makes, read back by a reader written by others (DuckDB's Parquet reader), value by value.
 */
class ParquetWriterTest {

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.text("name"),
            ParquetColumn.int32("count"),
            ParquetColumn.int64("sequence"),
            ParquetColumn.bool("granted"),
            ParquetColumn.timestamp("requested_at"),
            ParquetColumn.decimal("amount"));

    @TempDir
    Path directory;

    /** One generated row; a null field is a null value. */
    private record Row(String name, Integer count, Long sequence, Boolean granted, Instant at, BigDecimal amount) {
    }

    @Test
    void everyValueAndNullReadsBackAsWrittenAcrossRowGroups() throws Exception {
        Random random = new Random(20261201L);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            rows.add(new Row(
                    random.nextInt(7) == 0 ? null : i % 11 == 0 ? "" : "naïve-€-" + random.nextInt(1_000_000),
                    random.nextInt(5) == 0 ? null : random.nextInt(),
                    random.nextInt(9) == 0 ? null : random.nextLong(),
                    random.nextInt(3) == 0 ? null : random.nextBoolean(),
                    random.nextInt(6) == 0 ? null : Instant.parse("1969-12-31T23:59:59Z")
                            .plus(random.nextInt(2_000_000_000), ChronoUnit.SECONDS)
                            .plus(random.nextInt(1_000_000), ChronoUnit.MICROS),
                    random.nextInt(4) == 0 ? null : decimal(random)));
        }
        rows.add(new Row("largest", Integer.MAX_VALUE, Long.MIN_VALUE, true, Instant.parse("2000-01-01T00:00:00Z"),
                new BigDecimal("9999999999999999999999999999999999.9999")));
        rows.add(new Row("smallest", Integer.MIN_VALUE, Long.MAX_VALUE, false, Instant.parse("2099-12-31T23:59:59Z"),
                new BigDecimal("-9999999999999999999999999999999999.9999")));
        Path file = write(rows, 1_000);

        List<Row> read = read(file);

        assertThat(read).containsExactlyElementsOf(rows.stream().map(ParquetWriterTest::normalised).toList());
    }

    @Test
    void theSchemaReadsAsTheColumnsTypes() throws Exception {
        Path file = write(List.of(new Row("a", 1, 2L, true, Instant.EPOCH, BigDecimal.ONE)), 10);

        List<String> described = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (result.next()) {
                described.add(result.getString("column_name") + " " + result.getString("column_type"));
            }
        }

        assertThat(described).containsExactly("name VARCHAR", "count INTEGER", "sequence BIGINT", "granted BOOLEAN",
                "requested_at TIMESTAMP WITH TIME ZONE", "amount DECIMAL(38,4)");
    }

    @Test
    void aFileWithoutRowsIsAValidEmptyTable() throws Exception {
        Path file = write(List.of(), 10);

        assertThat(read(file)).isEmpty();
    }

    @Test
    void aRowGroupOfOneRowPerGroupAndAllNullColumnsReadBack() throws Exception {
        List<Row> rows = List.of(new Row(null, null, null, null, null, null), new Row("x", null, 5L, null, null, null),
                new Row(null, null, null, null, null, null));

        assertThat(read(write(rows, 1))).containsExactlyElementsOf(rows);
    }

    @Test
    void aDecimalWithMoreThanFourDecimalsOrTooManyDigitsIsRefused() throws Exception {
        try (ParquetWriter writer = new ParquetWriter(OutputStream.nullOutputStream(),
                List.of(ParquetColumn.decimal("amount")), 10)) {
            assertThatThrownBy(() -> writer.decimal(new BigDecimal("1.23456"))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> writer.decimal(new BigDecimal("1E+34"))).isInstanceOf(ArithmeticException.class);
            writer.decimal(new BigDecimal("1.2340000"));
            writer.endRow();
        }
    }

    @Test
    void aRowMissingAColumnOrAValueOfTheWrongTypeIsRefused() throws Exception {
        try (ParquetWriter writer = new ParquetWriter(OutputStream.nullOutputStream(), COLUMNS, 10)) {
            assertThatThrownBy(() -> writer.int32(1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name is TEXT");
            writer.nullValue();
            assertThatThrownBy(writer::endRow).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 of 6 columns");
            for (int i = 1; i < COLUMNS.size(); i++) {
                writer.nullValue();
            }
            writer.endRow();
        }
    }

    private static BigDecimal decimal(Random random) {
        BigDecimal value = BigDecimal.valueOf(random.nextLong(), random.nextInt(5));
        return random.nextBoolean() ? value : value.multiply(BigDecimal.TEN.pow(random.nextInt(15)));
    }

    /** As DuckDB gives it back: DECIMAL(38, 4)'s scale. */
    private static Row normalised(Row row) {
        return new Row(row.name(), row.count(), row.sequence(), row.granted(), row.at(),
                row.amount() == null ? null : row.amount().setScale(4));
    }

    private Path write(List<Row> rows, int rowGroupRows) throws Exception {
        Path file = Files.createTempFile(directory, "written-", ".parquet");
        try (ParquetWriter writer = new ParquetWriter(Files.newOutputStream(file), COLUMNS, rowGroupRows)) {
            for (Row row : rows) {
                if (row.name() == null) {
                    writer.nullValue();
                } else {
                    byte[] utf8 = ("--" + row.name()).getBytes(StandardCharsets.UTF_8);
                    writer.text(utf8, 2, utf8.length - 2);
                }
                if (row.count() == null) {
                    writer.nullValue();
                } else {
                    writer.int32(row.count());
                }
                if (row.sequence() == null) {
                    writer.nullValue();
                } else {
                    writer.int64(row.sequence());
                }
                if (row.granted() == null) {
                    writer.nullValue();
                } else {
                    writer.bool(row.granted());
                }
                if (row.at() == null) {
                    writer.nullValue();
                } else {
                    writer.timestampMicros(ChronoUnit.MICROS.between(Instant.EPOCH, row.at()));
                }
                if (row.amount() == null) {
                    writer.nullValue();
                } else {
                    writer.decimal(row.amount());
                }
                writer.endRow();
            }
            assertThat(writer.rows()).isEqualTo(rows.size());
        }
        return file;
    }

    private static List<Row> read(Path file) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet result = statement.executeQuery(
                    "SELECT name, count, sequence, granted, requested_at, amount FROM read_parquet('" + file + "')")) {
                while (result.next()) {
                    OffsetDateTime at = result.getObject(5, OffsetDateTime.class);
                    rows.add(new Row(result.getString(1), (Integer) result.getObject(2), (Long) result.getObject(3),
                            (Boolean) result.getObject(4), at == null ? null : at.toInstant(),
                            result.getBigDecimal(6)));
                }
            }
        }
        return rows;
    }
}
