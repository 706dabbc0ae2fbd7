package dev.leeway.projection.cases;

import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.projection.privacy.PersonalTexts;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;

/** The rows of {@code case_bend}, written as part of the case's projection. */
final class CaseBends {

    private final JdbcTemplate jdbc;
    private final PersonalTexts texts;

    CaseBends(JdbcTemplate jdbc, PersonalTexts texts) {
        this.jdbc = jdbc;
        this.texts = texts;
    }

    void requested(ExceptionRequested e, Timestamp at) {
        jdbc.update("""
                        INSERT INTO case_bend
                            (exception_id, case_id, policy_code, policy_version, deviation, deviation_unit,
                             value_amount, value_currency, reason_code, justification, status, approver_role,
                             requested_by, requested_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""",
                e.exceptionId().value(), e.caseId().value(), e.policyCode().value(), e.policyVersion(),
                e.deviation().amount(), e.deviation().unit().name(), e.valueGiven().amount(),
                e.valueGiven().currency().getCurrencyCode(), e.reasonCode(), texts.open(e.justification()),
                e.approverRole() == null ? null : e.approverRole().name(), e.requestedBy(), at);
    }

    /** Granted at once (a new row), or approved (the pending row, now under the version in force at approval). */
    void granted(ExceptionGranted e, Timestamp at) {
        jdbc.update("""
                        INSERT INTO case_bend
                            (exception_id, case_id, policy_code, policy_version, deviation, deviation_unit,
                             value_amount, value_currency, reason_code, justification, status, authority,
                             requested_by, granted_by, requested_at, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'GRANTED', ?, ?, ?, ?, ?)
                        ON CONFLICT (exception_id) DO UPDATE
                        SET status = 'GRANTED', authority = excluded.authority, granted_by = excluded.granted_by,
                            policy_version = excluded.policy_version, decided_at = excluded.decided_at""",
                e.exceptionId().value(), e.caseId().value(), e.policyCode().value(), e.policyVersion(),
                e.deviation().amount(), e.deviation().unit().name(), e.valueGiven().amount(),
                e.valueGiven().currency().getCurrencyCode(), e.reasonCode(), texts.open(e.justification()), e.authority().name(),
                e.requestedBy(), e.grantedBy(), at, at);
    }

    void declined(ExceptionDeclined e, Timestamp at) {
        jdbc.update("UPDATE case_bend SET status = 'DECLINED', declined_by = ?, decided_at = ? "
                + "WHERE exception_id = ?", e.declinedBy(), at, e.exceptionId().value());
    }

    void reviewed(ExceptionReviewed e, Timestamp at) {
        jdbc.update("UPDATE case_bend SET review_verdict = ?, reviewed_by = ?, reviewed_at = ? "
                + "WHERE exception_id = ?", e.verdict().name(), e.reviewedBy(), at, e.exceptionId().value());
    }
}
