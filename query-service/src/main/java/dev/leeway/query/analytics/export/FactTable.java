package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.export.parquet.ParquetColumn;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.leeway.query.analytics.export.ColumnType.BIGINT;
import static dev.leeway.query.analytics.export.ColumnType.BOOLEAN;
import static dev.leeway.query.analytics.export.ColumnType.DECIMAL;
import static dev.leeway.query.analytics.export.ColumnType.INTEGER;
import static dev.leeway.query.analytics.export.ColumnType.TEXT;
import static dev.leeway.query.analytics.export.ColumnType.TIMESTAMP;
import static dev.leeway.query.analytics.export.ColumnType.UUID;

/**
 * The analysts' fact tables (projection-service's V9 migration) as exports. Columns are listed here, not read
 * with {@code SELECT *}: a column added to a table is exported only once someone has decided it belongs in a
 * notebook (the tables hold no personal text, and the export must keep it that way). The columns V10 added only
 * restate exported ones (a case's week, time to resolve and policies; its opening copied onto its actor and bend
 * rows; whether a bend is its case's first under its policy) so that the analytics need no joins: a notebook joins
 * and computes them itself, so they are not exported.
 * {@code FactExportIT} fails when a table and its lists drift apart.
 */
enum FactTable {

    CASES("case_fact", "cases", List.of(
            new FactColumn("case_id", UUID),
            new FactColumn("channel", TEXT),
            new FactColumn("segment", TEXT),
            new FactColumn("severity", TEXT),
            new FactColumn("failure_cause", TEXT),
            new FactColumn("opened_at", TIMESTAMP),
            new FactColumn("opened_by", TEXT),
            new FactColumn("status", TEXT),
            new FactColumn("first_resolved_at", TIMESTAMP),
            new FactColumn("first_resolved_by", TEXT),
            new FactColumn("outcome", TEXT),
            new FactColumn("last_resolved_by", TEXT),
            new FactColumn("resolutions", INTEGER),
            new FactColumn("reopenings", INTEGER),
            new FactColumn("interactions", INTEGER),
            new FactColumn("recontacts", INTEGER),
            new FactColumn("satisfaction_score", INTEGER),
            new FactColumn("satisfaction_credited_to", TEXT),
            new FactColumn("satisfaction_at", TIMESTAMP),
            new FactColumn("surveys", INTEGER),
            new FactColumn("bends_requested", INTEGER),
            new FactColumn("bends_granted", INTEGER),
            new FactColumn("bends_declined", INTEGER),
            new FactColumn("bends_pending", INTEGER),
            new FactColumn("last_sequence", BIGINT)),
            List.of("opened_week", "seconds_to_resolve", "bent_policies", "granted_policies")),

    CASE_ACTORS("case_actor_fact", "case-actors", List.of(
            new FactColumn("case_id", UUID),
            new FactColumn("actor_id", TEXT),
            new FactColumn("bends_requested", INTEGER)), Copied.COLUMNS),

    BENDS("bend_fact", "bends", List.of(
            new FactColumn("exception_id", UUID),
            new FactColumn("case_id", UUID),
            new FactColumn("policy_code", TEXT),
            new FactColumn("policy_version", INTEGER),
            new FactColumn("deviation", DECIMAL),
            new FactColumn("deviation_unit", TEXT),
            new FactColumn("value_amount", DECIMAL),
            new FactColumn("value_currency", TEXT),
            new FactColumn("within_bounds", BOOLEAN),
            new FactColumn("reason_code", TEXT),
            new FactColumn("status", TEXT),
            new FactColumn("authority", TEXT),
            new FactColumn("approver_role", TEXT),
            new FactColumn("requested_by", TEXT),
            new FactColumn("requester_roles", TEXT),
            new FactColumn("decided_by", TEXT),
            new FactColumn("review_verdict", TEXT),
            new FactColumn("reviewed_by", TEXT),
            new FactColumn("requested_at", TIMESTAMP),
            new FactColumn("requested_sequence", BIGINT),
            new FactColumn("decided_at", TIMESTAMP),
            new FactColumn("reviewed_at", TIMESTAMP)), Copied.AND_FIRST_UNDER_POLICY);

    private final String table;
    private final String fileName;
    private final List<FactColumn> columns;
    private final List<String> restated;

    FactTable(String table, String fileName, List<FactColumn> columns, List<String> restated) {
        this.table = table;
        this.fileName = fileName;
        this.columns = columns;
        this.restated = restated;
    }

    /** The case's columns an actor or bend row carries (its case is exported too). */
    private static final class Copied {
        static final List<String> COLUMNS = List.of("case_opened_at", "case_opened_week", "case_channel",
                "case_segment");
        /**
         * Bend rows also say whether each is its case's first under its policy, which the exported case id, policy
         * and requested sequence already tell.
         */
        static final List<String> AND_FIRST_UNDER_POLICY = Stream.concat(COLUMNS.stream(),
                Stream.of("first_under_policy")).toList();
    }

    String table() {
        return table;
    }

    /** The download's name without extension, e.g. {@code bends} for {@code bends.parquet}. */
    String fileName() {
        return fileName;
    }

    List<FactColumn> columns() {
        return columns;
    }

    /** The table's columns that are not exported because they only restate exported ones, in table order. */
    List<String> restated() {
        return restated;
    }

    /**
     * Every row of the table whose case was opened in {@code window}. No ORDER BY: sorting every bend would cost
     * the database more than the export itself, and a notebook sorts as it likes.
     */
    String select(AnalyticsWindow window) {
        String selected = columns.stream().map(column -> "t." + column.name()).collect(Collectors.joining(", "));
        String from = " FROM read_model." + table + " t";
        if (window.unbounded()) {
            return "SELECT " + selected + from;
        }
        return "SELECT " + selected + from + " WHERE TRUE"
                + window.and(openedAt());
    }

    /**
     * What PostgreSQL copies out for a Parquet export: {@link #select}'s rows, each column as its Parquet type can
     * take it ({@link ColumnType#copied}). COPY takes no parameters, so the window's ends are written in as
     * literals: an {@link Instant}'s text is digits, {@code -:.TZ} and nothing else.
     */
    String copySelect(AnalyticsWindow window) {
        String selected = columns.stream().map(column -> column.type().copied("t." + column.name()) + " AS "
                + column.name()).collect(Collectors.joining(", "));
        String column = openedAt();
        return "SELECT " + selected + " FROM read_model." + table + " t WHERE TRUE"
                + (window.from() == null ? "" : " AND " + column + " >= " + literal(window.from()))
                + (window.to() == null ? "" : " AND " + column + " < " + literal(window.to()));
    }

    /** When the row's case was opened: what the window is about. */
    private String openedAt() {
        return this == CASES ? "t.opened_at" : "t.case_opened_at";
    }

    private static String literal(Instant at) {
        return "timestamptz '" + at + "'";
    }

    /** The file's columns: the table's, each with its type's Parquet form. */
    List<ParquetColumn> parquetColumns() {
        return columns.stream().map(column -> column.type().parquetColumn(column.name())).toList();
    }
}
