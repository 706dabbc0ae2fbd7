package dev.leeway.query.analytics.export;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import dev.leeway.query.analytics.export.parquet.ParquetColumn;
import dev.leeway.query.analytics.export.parquet.ParquetWriter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * How a fact column travels from PostgreSQL into each export format: as text in CSV (exact, whatever its size),
 * and as a typed column in Parquet. One place per type, so that CSV and Parquet cannot disagree on a column.
 * <p>
 * For Parquet, PostgreSQL writes the rows with {@code COPY ... TO STDOUT (FORMAT binary)} (see {@link FactRows#copy}),
 * each column cast to the type whose binary form {@link #parquet} reads, and the {@link ParquetWriter} takes the
 * values as they come, without a text form in between.
 */
enum ColumnType {

    /** Written as text in both formats: notebooks (pandas, polars) read Parquet's UUID type as raw bytes. */
    UUID("VARCHAR", ParquetColumn.Kind.TEXT) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            text(row.getString(index), csv);
        }

        @Override
        String copied(String column) {
            return column + "::uuid";
        }

        /** The 16 bytes as PostgreSQL writes a uuid as text: lower-case hex, 8-4-4-4-12. */
        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            byte[] text = row.scratch(36);
            int at = 0;
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    text[at++] = '-';
                }
                int value = row.buffer()[row.offset() + i];
                text[at++] = HEX[(value >> 4) & 0xF];
                text[at++] = HEX[value & 0xF];
            }
            out.text(text, 0, text.length);
        }
    },
    TEXT("VARCHAR", ParquetColumn.Kind.TEXT) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            text(row.getString(index), csv);
        }

        @Override
        String copied(String column) {
            return column + "::text";
        }

        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            out.text(row.buffer(), row.offset(), row.length());
        }
    },
    INTEGER("INTEGER", ParquetColumn.Kind.INT32) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            int value = row.getInt(index);
            if (row.wasNull()) {
                csv.writeNull();
            } else {
                csv.writeNumber(value);
            }
        }

        @Override
        String copied(String column) {
            return column + "::int4";
        }

        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            out.int32(row.int32At(row.offset()));
        }
    },
    BIGINT("BIGINT", ParquetColumn.Kind.INT64) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            long value = row.getLong(index);
            if (row.wasNull()) {
                csv.writeNull();
            } else {
                csv.writeNumber(value);
            }
        }

        @Override
        String copied(String column) {
            return column + "::int8";
        }

        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            out.int64(row.int64At(row.offset()));
        }
    },
    BOOLEAN("BOOLEAN", ParquetColumn.Kind.BOOLEAN) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            boolean value = row.getBoolean(index);
            if (row.wasNull()) {
                csv.writeNull();
            } else {
                csv.writeBoolean(value);
            }
        }

        @Override
        String copied(String column) {
            return column + "::bool";
        }

        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            out.bool(row.buffer()[row.offset()] != 0);
        }
    },
    /**
     * The fact tables' unconstrained NUMERIC. CSV carries it exactly as stored. Parquet needs a fixed precision:
     * DECIMAL(38, 4) holds every amount and deviation Leeway accepts; a value stored before the bounds existed that
     * does not fit (more than 34 integer digits or 4 decimals) is null there, and its row's within_bounds is false.
     */
    DECIMAL("DECIMAL(38, 4)", ParquetColumn.Kind.DECIMAL_38_4) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            BigDecimal value = row.getBigDecimal(index);
            text(value == null ? null : value.toPlainString(), csv);
        }

        @Override
        String copied(String column) {
            return column + "::numeric";
        }

        /**
         * PostgreSQL's binary numeric, as DECIMAL(38, 4) when it fits exactly (at most 4 decimals that are not 0,
         * at most 34 integer digits), null otherwise ({@link PostgresNumeric}).
         */
        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            PostgresNumeric.toDecimal38Scale4(row.buffer(), row.offset(), out);
        }
    },
    /** ISO-8601 in UTC in CSV ({@code 2026-03-01T09:30:00Z}); Parquet's UTC-adjusted timestamp in microseconds. */
    TIMESTAMP("TIMESTAMPTZ", ParquetColumn.Kind.TIMESTAMP_MICROS_UTC) {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
            text(value == null ? null : value.toInstant().toString(), csv);
        }

        @Override
        String copied(String column) {
            return column + "::timestamptz";
        }

        /** PostgreSQL's binary timestamptz: microseconds since 2000-01-01T00:00Z. */
        @Override
        void parquet(BinaryCopyReader row, ParquetWriter out) {
            out.timestampMicrosSince2000(row.int64At(row.offset()));
        }
    };

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String duckDbType;
    private final ParquetColumn.Kind parquetKind;

    ColumnType(String duckDbType, ParquetColumn.Kind parquetKind) {
        this.duckDbType = duckDbType;
        this.parquetKind = parquetKind;
    }

    /** The column's type as a notebook reading the Parquet file with DuckDB sees it. */
    String duckDbType() {
        return duckDbType;
    }

    ParquetColumn parquetColumn(String name) {
        return new ParquetColumn(name, parquetKind);
    }

    /**
     * What PostgreSQL copies out for the column in binary: cast to the type {@link #parquet} reads (so a column
     * whose type the migrations widen still arrives in the form expected), or to null where Parquet cannot hold it.
     */
    abstract String copied(String column);

    /** The current field of {@code row}, not null, as this column's value in the Parquet file. */
    abstract void parquet(BinaryCopyReader row, ParquetWriter out);

    abstract void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException;

    private static void text(String value, CsvGenerator csv) throws IOException {
        if (value == null) {
            csv.writeNull();
        } else {
            csv.writeString(value);
        }
    }
}
