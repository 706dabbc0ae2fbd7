package dev.leeway.query.analytics.export;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * How a fact column travels from PostgreSQL into each export format: as text in CSV (exact, whatever its size),
 * and as a typed column in Parquet. One place per type, so that CSV and Parquet cannot disagree on a column.
 * <p>
 * For Parquet, PostgreSQL writes the rows with {@code COPY ... TO STDOUT (FORMAT csv)} (its own text form of each
 * value, in UTC and ISO dates: see {@link FactRows#copy}) and DuckDB reads that file with the column's type.
 */
enum ColumnType {

    /** Written as text in both formats: notebooks (pandas, polars) read Parquet's UUID type as raw bytes. */
    UUID("VARCHAR") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            text(row.getString(index), csv);
        }
    },
    TEXT("VARCHAR") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            text(row.getString(index), csv);
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

        /** Null unless it fits DECIMAL(38, 4) exactly: at most 4 decimals that are not 0, at most 34 integer digits. */
        @Override
        String copied(String column) {
            return "CASE WHEN " + column + " = round(" + column + ", 4) AND abs(" + column + ") < 1e34 THEN "
                    + column + " END";
        }
    },
    /** ISO-8601 in UTC in CSV ({@code 2026-03-01T09:30:00Z}); Parquet's UTC-adjusted timestamp in microseconds. */
    TIMESTAMP("TIMESTAMPTZ") {
        @Override
        void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException {
            OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
            text(value == null ? null : value.toInstant().toString(), csv);
        }
    };

    private final String duckDbType;

    ColumnType(String duckDbType) {
        this.duckDbType = duckDbType;
    }

    /** The column's type in the Parquet file, as DuckDB names it. */
    String duckDbType() {
        return duckDbType;
    }

    /** What PostgreSQL copies out for the column (its value as it is, unless the Parquet type cannot hold it). */
    String copied(String column) {
        return column;
    }

    abstract void csv(ResultSet row, int index, CsvGenerator csv) throws SQLException, IOException;

    private static void text(String value, CsvGenerator csv) throws IOException {
        if (value == null) {
            csv.writeNull();
        } else {
            csv.writeString(value);
        }
    }
}
