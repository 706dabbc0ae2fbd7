package dev.leeway.projection.rebuild;

import dev.leeway.projection.stream.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.leeway.projection.stream.StreamTransactions.SHADOW_SCHEMA;

/**
 * A projection's tables in the shadow schema: made empty (like the live ones, without their foreign keys, which
 * a replay in global order need not satisfy row by row), compared with the live ones, and copied over them.
 */
@Component
class ShadowTables {

    private static final String LIVE_SCHEMA = "read_model";
    private static final String POSITIONS = "projection_position";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int SHOWN_KEYS = 10;

    private final JdbcTemplate jdbc;

    ShadowTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty shadow copies of its tables, and no shadow positions of it: whatever a killed rebuild left is gone. */
    void prepare(Projection projection) {
        for (String table : projection.tables()) {
            jdbc.execute("DROP TABLE IF EXISTS " + shadow(table));
            jdbc.execute("CREATE TABLE " + shadow(table) + " (LIKE " + live(table) + " INCLUDING ALL)");
        }
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + shadow(POSITIONS) + " (LIKE " + live(POSITIONS) + " INCLUDING ALL)");
        jdbc.update("DELETE FROM " + shadow(POSITIONS) + " WHERE projection = ?", projection.name());
    }

    void drop(Projection projection) {
        for (String table : projection.tables()) {
            jdbc.execute("DROP TABLE IF EXISTS " + shadow(table));
        }
        jdbc.update("DELETE FROM " + shadow(POSITIONS) + " WHERE projection = ?", projection.name());
    }

    /** Where the live positions are ahead of the shadow's: what the live stream applied that the replay has not. */
    List<Behind> behindLive(Projection projection) {
        return jdbc.query("SELECT l.aggregate_type, l.aggregate_id, coalesce(s.last_sequence, -1) AS shadow, "
                        + "l.last_sequence AS live FROM " + live(POSITIONS) + " l LEFT JOIN " + shadow(POSITIONS)
                        + " s USING (projection, aggregate_type, aggregate_id) "
                        + "WHERE l.projection = ? AND (s.last_sequence IS NULL OR s.last_sequence < l.last_sequence)",
                (row, n) -> new Behind(row.getString("aggregate_type"), row.getString("aggregate_id"),
                        row.getLong("shadow"), row.getLong("live")), projection.name());
    }

    record Behind(String aggregateType, String aggregateId, long shadowSequence, long liveSequence) {
    }

    /** Row counts and a digest per row (keyed by the primary key), live against shadow. */
    RebuildView.DiffView compare(Projection projection) {
        List<RebuildView.TableDiff> tables = new ArrayList<>();
        for (String table : projection.tables()) {
            List<String> columns = primaryKey(table);
            if (columns.isEmpty()) {
                throw new IllegalStateException("table " + table + " has no primary key to compare rows by");
            }
            String key = columns.stream().map(column -> column + "::text")
                    .collect(Collectors.joining(" || '/' || "));
            String digests = "SELECT " + key + " AS k, md5(t::text) AS d FROM %s t";
            String differing = "SELECT coalesce(l.k, s.k) AS k FROM (" + digests.formatted(live(table)) + ") l "
                    + "FULL JOIN (" + digests.formatted(shadow(table)) + ") s ON l.k = s.k "
                    + "WHERE l.d IS DISTINCT FROM s.d";
            long liveRows = jdbc.queryForObject("SELECT count(*) FROM " + live(table), Long.class);
            long shadowRows = jdbc.queryForObject("SELECT count(*) FROM " + shadow(table), Long.class);
            long count = jdbc.queryForObject("SELECT count(*) FROM (" + differing + ") d", Long.class);
            List<String> first = count == 0 ? List.of()
                    : jdbc.queryForList(differing + " ORDER BY 1 LIMIT " + SHOWN_KEYS, String.class);
            tables.add(new RebuildView.TableDiff(table, liveRows, shadowRows, count, first));
        }
        return new RebuildView.DiffView(tables, tables.stream().anyMatch(diff -> diff.differing() > 0));
    }

    /**
     * The shadow's rows and positions replace the live ones, in the caller's transaction: queries see the old
     * read model until it commits and the new one after, never a missing or half-copied one. The planner's
     * statistics are renewed in the same transaction: right after a large rebuild they would otherwise describe
     * the old rows until autovacuum came by, and the first queries would be planned blind.
     */
    void swap(Projection projection) {
        List<String> tables = projection.tables();
        for (int i = tables.size() - 1; i >= 0; i--) {
            jdbc.execute("DELETE FROM " + live(tables.get(i)));
        }
        for (String table : tables) {
            jdbc.execute("INSERT INTO " + live(table) + " OVERRIDING SYSTEM VALUE SELECT * FROM " + shadow(table));
            jdbc.execute("ANALYZE " + live(table));
        }
        jdbc.update("DELETE FROM " + live(POSITIONS) + " WHERE projection = ?", projection.name());
        jdbc.update("INSERT INTO " + live(POSITIONS) + " SELECT * FROM " + shadow(POSITIONS) + " WHERE projection = ?",
                projection.name());
    }

    private List<String> primaryKey(String table) {
        return jdbc.queryForList("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                        WHERE i.indrelid = ?::regclass AND i.indisprimary
                        ORDER BY array_position(i.indkey::int2[], a.attnum)""", String.class, live(table));
    }

    private static String live(String table) {
        return LIVE_SCHEMA + "." + checked(table);
    }

    private static String shadow(String table) {
        return SHADOW_SCHEMA + "." + checked(table);
    }

    private static String checked(String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        return table;
    }
}
