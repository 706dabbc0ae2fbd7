package dev.leeway.query.analytics.export;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.analytics.export.parquet.ParquetColumn;
import dev.leeway.query.analytics.export.parquet.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's own binary numerics, as its COPY sends them, decoded into DECIMAL(38, 4) and read back by DuckDB:
 * each equals the stored value when that fits exactly, and is null when it does not (NaN and infinities too).
 */
class PostgresNumericIT {

    private static final List<String> EDGES = List.of("0", "-0", "0.0001", "-0.0001", "0.00001", "1.23456",
            "1.23450000", "0.5", "-12.5", "10000", "100000000", "1e20", "123456789012345678901234567890.1234",
            "9999999999999999999999999999999999.9999", "-9999999999999999999999999999999999.9999", "1e34", "-1e34",
            "1e40", "922337203685477.5807", "922337203685477.5808", "-922337203685477.5808",
            "-922337203685477.5809", "0.000000001", "NaN", "Infinity", "-Infinity");

    @TempDir
    Path directory;

    @Test
    void everyNumericThatFitsDecimal38Scale4IsExactAndEveryOtherIsNull() throws Exception {
        List<String> values = new ArrayList<>(EDGES);
        Random random = new Random(38L);
        for (int i = 0; i < 2_000; i++) {
            BigDecimal value = new BigDecimal(new java.math.BigInteger(random.nextInt(130) + 1, random),
                    random.nextInt(12) - 3);
            values.add((random.nextBoolean() ? value : value.negate()).toString());
        }

        List<BigDecimal> read = decodedAndReadBack(values);

        for (int i = 0; i < values.size(); i++) {
            assertThat(read.get(i)).as(values.get(i)).isEqualTo(expected(values.get(i)));
        }
        assertThat(read.stream().filter(value -> value == null).count()).as("some do not fit")
                .isGreaterThan(10).isLessThan(values.size() - 10);
    }

    /** The rule written out with BigDecimal, apart from the decoder's arithmetic. */
    private static BigDecimal expected(String text) {
        if (text.equals("NaN") || text.endsWith("Infinity")) {
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.stripTrailingZeros().scale() > 4) {
            return null;
        }
        BigDecimal scaled = value.setScale(4, RoundingMode.UNNECESSARY);
        return scaled.precision() > 38 ? null : scaled;
    }

    private List<BigDecimal> decodedAndReadBack(List<String> values) throws Exception {
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        try (Connection postgres = LocalInfrastructure.shared().adminConnection()) {
            String array = "ARRAY[" + String.join(", ", values.stream().map(value -> "'" + value + "'").toList())
                    + "]::text[]";
            postgres.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT v::numeric FROM unnest(" + array
                    + ") WITH ORDINALITY AS t(v, n) ORDER BY n) TO STDOUT (FORMAT binary)", copied);
        }
        Path file = Files.createTempFile(directory, "numerics-", ".parquet");
        BinaryCopyReader rows = new BinaryCopyReader(new ByteArrayInputStream(copied.toByteArray()));
        try (ParquetWriter writer = new ParquetWriter(Files.newOutputStream(file),
                List.of(ParquetColumn.decimal("amount")), 1_000)) {
            while (rows.nextRow() >= 0) {
                assertThat(rows.nextField()).isPositive();
                PostgresNumeric.toDecimal38Scale4(rows.buffer(), rows.offset(), writer);
                writer.endRow();
            }
        }
        List<BigDecimal> read = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT amount FROM read_parquet('" + file + "')")) {
            while (result.next()) {
                read.add(result.getBigDecimal(1));
            }
        }
        assertThat(read).hasSameSizeAs(values);
        return read;
    }
}
