package dev.leeway.projection.stream;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Writing one row of a read model by its key, whether or not it exists yet: the SQL, and the write. */
public final class Upserts {

    private Upserts() {
    }

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE} every other column, for {@code columns} in that order. */
    public static String sql(String table, String columns, String key) {
        String[] names = columns.split(", ");
        String[] keys = key.split(", ");
        return "INSERT INTO " + table + " (" + columns + ") VALUES ("
                + String.join(", ", Collections.nCopies(names.length, "?")) + ") ON CONFLICT (" + key
                + ") DO UPDATE SET " + Arrays.stream(names).filter(name -> !Arrays.asList(keys).contains(name))
                .map(name -> name + " = excluded." + name).collect(Collectors.joining(", "));
    }

    /** Runs an upsert from {@link #sql} with {@code values} in column order; nulls are written as SQL NULL. */
    public static void write(JdbcTemplate jdbc, String upsert, Object[] values) {
        jdbc.update(upsert, statement -> bind(statement, values));
    }

    /** Runs an upsert for each of {@code rows} as one JDBC batch: one round trip, not one per row. */
    public static void writeAll(JdbcTemplate jdbc, String upsert, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(upsert, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement statement, int i) throws SQLException {
                bind(statement, rows.get(i));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }
}
