package dev.leeway.query.analytics.export;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import org.duckdb.DuckDBAppender;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * How a fact column travels from PostgreSQL into each export format: as text in CSV (exact, whatever its size),
 * and as a typed column in Parquet. One place per type, so that CSV and Parquet cannot disagree on a column.
 */
enum ColumnType {

    /**
     * Written as text in both formats: notebooks (pandas, polars) read Parquet's UUID type as raw bytes. DuckDB
     * takes it in as a UUID (two longs; appending a 36-character string costs it six times as much) and turns it
     * into text as it writes the file.
     */
    UUID("VARCHAR") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            text(row.getString(index), csv);
        }

        @Override
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            java.util.UUID value = row.getObject(index, java.util.UUID.class);
            if (value == null) {
                parquet.appendNull();
            } else {
                parquet.append(value);
            }
        }

        @Override
        String stagingType() {
            return "UUID";
        }
    },
    TEXT("VARCHAR") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            text(row.getString(index), csv);
        }

        @Override
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            appendText(row.getString(index), parquet);
        }
    },
    INTEGER("INTEGER") {
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
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            int value = row.getInt(index);
            if (row.wasNull()) {
                parquet.appendNull();
            } else {
                parquet.append(value);
            }
        }
    },
    BIGINT("BIGINT") {
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
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            long value = row.getLong(index);
            if (row.wasNull()) {
                parquet.appendNull();
            } else {
                parquet.append(value);
            }
        }
    },
    BOOLEAN("BOOLEAN") {
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
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            boolean value = row.getBoolean(index);
            if (row.wasNull()) {
                parquet.appendNull();
            } else {
                parquet.append(value);
            }
        }
    },
    /**
     * The fact tables' unconstrained NUMERIC. CSV carries it exactly as stored. Parquet needs a fixed precision:
     * DECIMAL(38, 4) holds every amount and deviation Leeway accepts; a value stored before the bounds existed that
     * does not fit (more than 34 integer digits or 4 decimals) is null there, and its row's within_bounds is false.
     */
    DECIMAL("DECIMAL(38, 4)") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            BigDecimal value = row.getBigDecimal(index);
            text(value == null ? null : value.toPlainString(), csv);
        }

        @Override
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            BigDecimal value = fitting(row.getBigDecimal(index));
            if (value == null) {
                parquet.appendNull();
            } else {
                parquet.append(value);
            }
        }
    },
    /** ISO-8601 in UTC in CSV ({@code 2026-03-01T09:30:00Z}); Parquet's UTC-adjusted timestamp in microseconds. */
    TIMESTAMP("TIMESTAMPTZ") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
            text(value == null ? null : value.toInstant().toString(), csv);
        }

        @Override
        void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException {
            OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
            if (value == null) {
                parquet.appendNull();
            } else {
                // Epoch microseconds: DuckDB's appender takes them at a fifth of the cost of an OffsetDateTime.
                parquet.appendEpochMicros(value.toEpochSecond() * 1_000_000L + value.getNano() / 1_000);
            }
        }
    };

    private static final int PARQUET_SCALE = 4;
    private static final int PARQUET_PRECISION = 38;

    private final String duckDbType;

    ColumnType(String duckDbType) {
        this.duckDbType = duckDbType;
    }

    /** The column's type in the Parquet file, as DuckDB names it. */
    String duckDbType() {
        return duckDbType;
    }

    /** The column's type in the in-memory table rows are appended to before the file is written. */
    String stagingType() {
        return duckDbType;
    }

    abstract void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException;

    abstract void append(ResultSet row, int index, DuckDBAppender parquet) throws SQLException;

    private static void text(String value, CsvGenerator csv) throws IOException {
        if (value == null) {
            csv.writeNull();
        } else {
            csv.writeString(value);
        }
    }

    private static void appendText(String value, DuckDBAppender parquet) throws SQLException {
        if (value == null) {
            parquet.appendNull();
        } else {
            parquet.append(value);
        }
    }

    /** At Parquet's scale if it fits DECIMAL(38, 4) exactly; else null. */
    static BigDecimal fitting(BigDecimal value) {
        if (value == null || value.stripTrailingZeros().scale() > PARQUET_SCALE) {
            return null;
        }
        BigDecimal scaled = value.setScale(PARQUET_SCALE, RoundingMode.UNNECESSARY);
        return scaled.precision() > PARQUET_PRECISION ? null : scaled;
    }
}
