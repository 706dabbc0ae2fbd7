package dev.leeway.query.cases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class CaseSummaryRepository {

    private static final String COLUMNS = """
            case_id, customer_id, channel, subject, description, status, opened_at, last_event_at, last_sequence""";

    private static final RowMapper<CaseSummaryView> ROW = (row, rowNumber) -> new CaseSummaryView(
            row.getObject("case_id", UUID.class),
            row.getString("customer_id"),
            row.getString("channel"),
            row.getString("subject"),
            row.getString("description"),
            row.getString("status"),
            row.getTimestamp("opened_at").toInstant(),
            row.getTimestamp("last_event_at").toInstant(),
            row.getLong("last_sequence"));

    private final JdbcTemplate jdbc;

    CaseSummaryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CaseSummaryView> find(UUID caseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.case_summary WHERE case_id = ?", ROW, caseId)
                .stream().findFirst();
    }

    /** Newest first; the case id breaks ties so that pages never overlap. */
    List<CaseSummaryView> findByStatus(CaseStatus status, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + """
                         FROM read_model.case_summary WHERE status = ?
                        ORDER BY opened_at DESC, case_id
                        LIMIT ? OFFSET ?""",
                ROW, status.name(), size, (long) page * size);
    }

    long countByStatus(CaseStatus status) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE status = ?",
                Long.class, status.name());
    }
}
