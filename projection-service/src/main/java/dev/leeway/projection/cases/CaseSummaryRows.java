package dev.leeway.projection.cases;

import dev.leeway.projection.stream.Upserts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loads the rows an event folds into and writes back those it changed, in the caller's transaction. Table names
 * are unqualified: the live schema, or the shadow one during a rebuild.
 */
final class CaseSummaryRows {

    private static final RowMapper<CaseRow> SUMMARY = (rs, n) -> {
        CaseRow row = new CaseRow();
        row.caseId = rs.getObject("case_id", UUID.class);
        row.customerId = rs.getString("customer_id");
        row.channel = rs.getString("channel");
        row.subject = rs.getString("subject");
        row.description = rs.getString("description");
        row.severity = rs.getString("severity");
        row.failureCause = rs.getString("failure_cause");
        row.status = rs.getString("status");
        row.assignee = rs.getString("assignee");
        row.outcome = rs.getString("outcome");
        row.satisfactionScore = rs.getObject("satisfaction_score", Integer.class);
        row.resolutions = rs.getInt("resolutions");
        row.openedAt = rs.getTimestamp("opened_at");
        row.resolvedAt = rs.getTimestamp("resolved_at");
        row.lastEventAt = rs.getTimestamp("last_event_at");
        row.lastSequence = rs.getLong("last_sequence");
        return row;
    };

    private static final RowMapper<BendRow> BEND = (rs, n) -> {
        BendRow row = new BendRow();
        row.exceptionId = rs.getObject("exception_id", UUID.class);
        row.caseId = rs.getObject("case_id", UUID.class);
        row.policyCode = rs.getString("policy_code");
        row.policyVersion = rs.getInt("policy_version");
        row.deviation = rs.getBigDecimal("deviation");
        row.deviationUnit = rs.getString("deviation_unit");
        row.valueAmount = rs.getBigDecimal("value_amount");
        row.valueCurrency = rs.getString("value_currency");
        row.reasonCode = rs.getString("reason_code");
        row.justification = rs.getString("justification");
        row.status = rs.getString("status");
        row.authority = rs.getString("authority");
        row.approverRole = rs.getString("approver_role");
        row.requestedBy = rs.getString("requested_by");
        row.grantedBy = rs.getString("granted_by");
        row.declinedBy = rs.getString("declined_by");
        row.reviewVerdict = rs.getString("review_verdict");
        row.reviewedBy = rs.getString("reviewed_by");
        row.requestedAt = rs.getTimestamp("requested_at");
        row.decidedAt = rs.getTimestamp("decided_at");
        row.reviewedAt = rs.getTimestamp("reviewed_at");
        return row;
    };

    private static final String SUMMARY_UPSERT = Upserts.sql("case_summary", CaseRow.COLUMNS, "case_id");
    private static final String BEND_UPSERT = Upserts.sql("case_bend", BendRow.COLUMNS, "exception_id");

    private final JdbcTemplate jdbc;

    CaseSummaryRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The case's summary row (if any) and the one bend an event is about (if any). */
    CaseRows load(UUID caseId, UUID bendId) {
        List<CaseRow> summary = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM case_summary WHERE case_id = ?",
                SUMMARY, caseId);
        List<BendRow> bends = bendId == null ? List.of()
                : jdbc.query("SELECT " + BendRow.COLUMNS + " FROM case_bend WHERE exception_id = ?", BEND, bendId);
        return new CaseRows(summary.isEmpty() ? null : summary.get(0), bends);
    }

    /**
     * Every case in {@code caseIds} with all its bends: one statement per table. A case without a summary row
     * yet is in the answer with none.
     */
    Map<UUID, CaseRows> loadAll(Collection<UUID> caseIds) {
        Map<UUID, CaseRows> cases = new LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return cases;
        }
        Object ids = caseIds.toArray(UUID[]::new);
        Map<UUID, CaseRow> summaries = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM case_summary WHERE case_id = "
                + "ANY (?)", SUMMARY, ids).stream().collect(Collectors.toMap(row -> row.caseId, row -> row));
        Map<UUID, List<BendRow>> bends = summaries.isEmpty() ? Map.of() : jdbc.query("SELECT " + BendRow.COLUMNS
                        + " FROM case_bend WHERE case_id = ANY (?)", BEND, (Object) summaries.keySet().toArray(UUID[]::new))
                .stream().collect(Collectors.groupingBy(bend -> bend.caseId));
        for (UUID caseId : caseIds) {
            cases.put(caseId, new CaseRows(summaries.get(caseId), bends.getOrDefault(caseId, List.of())));
        }
        return cases;
    }

    /** Every case of a customer with all its bends. */
    List<CaseRows> loadCustomer(String customerId) {
        List<CaseRow> summaries = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM case_summary WHERE customer_id = ?",
                SUMMARY, customerId);
        if (summaries.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<BendRow>> bends = jdbc.query("SELECT " + BendRow.COLUMNS + " FROM case_bend WHERE case_id = "
                        + "ANY (?)", BEND, (Object) summaries.stream().map(row -> row.caseId).toArray(UUID[]::new))
                .stream().collect(Collectors.groupingBy(bend -> bend.caseId));
        List<CaseRows> cases = new ArrayList<>();
        for (CaseRow summary : summaries) {
            cases.add(new CaseRows(summary, bends.getOrDefault(summary.caseId, Collections.emptyList())));
        }
        return cases;
    }

    void save(CaseRows rows) {
        if (rows.summaryChanged) {
            write(SUMMARY_UPSERT, rows.summary.values());
        }
        for (UUID bendId : rows.changedBends) {
            write(BEND_UPSERT, rows.bends.get(bendId).values());
        }
    }

    /** Writes the changed rows of all {@code cases}: one batched upsert per table. */
    void saveAll(Collection<CaseRows> cases) {
        List<Object[]> summaries = new ArrayList<>();
        List<Object[]> bends = new ArrayList<>();
        for (CaseRows rows : cases) {
            if (rows.summaryChanged) {
                summaries.add(rows.summary.values());
            }
            rows.changedBends.forEach(bendId -> bends.add(rows.bends.get(bendId).values()));
        }
        Upserts.writeAll(jdbc, SUMMARY_UPSERT, summaries);
        Upserts.writeAll(jdbc, BEND_UPSERT, bends);
    }

    private void write(String upsert, Object[] values) {
        Upserts.write(jdbc, upsert, values);
    }
}
