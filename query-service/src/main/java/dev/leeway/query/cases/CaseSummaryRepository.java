package dev.leeway.query.cases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class CaseSummaryRepository {

    private static final String COLUMNS = """
            case_id, customer_id, channel, subject, description, severity, failure_cause, status, assignee, outcome,
            satisfaction_score, resolutions, opened_at, resolved_at, last_event_at, last_sequence""";

    private static final RowMapper<CaseSummaryView> ROW = (row, rowNumber) -> new CaseSummaryView(
            row.getObject("case_id", UUID.class),
            row.getString("customer_id"),
            row.getString("channel"),
            row.getString("subject"),
            row.getString("description"),
            row.getString("severity"),
            row.getString("failure_cause"),
            row.getString("status"),
            row.getString("assignee"),
            row.getString("outcome"),
            row.getObject("satisfaction_score", Integer.class),
            row.getInt("resolutions"),
            row.getTimestamp("opened_at").toInstant(),
            instant(row.getTimestamp("resolved_at")),
            row.getTimestamp("last_event_at").toInstant(),
            row.getLong("last_sequence"));

    private static final RowMapper<BendView> BEND = (row, rowNumber) -> new BendView(
            row.getObject("exception_id", UUID.class),
            row.getString("policy_code"),
            row.getInt("policy_version"),
            plain(row.getBigDecimal("deviation")),
            row.getString("deviation_unit"),
            plain(row.getBigDecimal("value_amount")),
            row.getString("value_currency"),
            row.getString("reason_code"),
            row.getString("justification"),
            row.getString("status"),
            row.getString("authority"),
            row.getString("approver_role"),
            row.getString("requested_by"),
            row.getString("granted_by"),
            row.getString("declined_by"),
            row.getString("review_verdict"),
            row.getString("reviewed_by"),
            row.getTimestamp("requested_at").toInstant(),
            instant(row.getTimestamp("decided_at")),
            instant(row.getTimestamp("reviewed_at")));

    private final JdbcTemplate jdbc;

    CaseSummaryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CaseSummaryView> find(UUID caseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.case_summary WHERE case_id = ?", ROW, caseId)
                .stream().findFirst();
    }

    List<BendView> bendsOf(UUID caseId) {
        return jdbc.query("SELECT * FROM read_model.case_bend WHERE case_id = ? ORDER BY requested_at, exception_id",
                BEND, caseId);
    }

    /**
     * The case's events that projection-service parked for this read model ({@code case_summary}), if any: it
     * waits at the first of them. Another read model's parked events do not hold this one back.
     */
    Optional<ParkedView> parkedOf(UUID caseId) {
        return jdbc.query("""
                        SELECT min(sequence) AS from_sequence, count(*) AS events, min(parked_at) AS since
                        FROM read_model.parked_event
                        WHERE projection = 'case_summary' AND aggregate_type = 'Case' AND aggregate_id = ?
                        HAVING count(*) > 0""",
                (row, n) -> new ParkedView(row.getLong("from_sequence"), row.getInt("events"),
                        row.getTimestamp("since").toInstant()), caseId.toString()).stream().findFirst();
    }

    /** Newest first; the case id breaks ties so that pages never overlap. */
    List<CaseSummaryView> findByStatus(CaseStatus status, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + """
                         FROM read_model.case_summary WHERE status = ?
                        ORDER BY opened_at DESC, case_id
                        LIMIT ? OFFSET ?""",
                ROW, status.name(), size, (long) page * size);
    }

    /** 10.0000 as 10, never as 1E+1. */
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    long countByStatus(CaseStatus status) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE status = ?",
                Long.class, status.name());
    }
}
