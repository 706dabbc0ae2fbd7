package dev.leeway.projection.cases;

import java.sql.Timestamp;
import java.util.UUID;

/** One row of {@code case_summary}, as {@link CaseSummaryFold} makes it. */
final class CaseRow {
    static final String COLUMNS = "case_id, customer_id, channel, subject, description, severity, failure_cause, "
            + "status, assignee, outcome, satisfaction_score, resolutions, opened_at, resolved_at, last_event_at, "
            + "last_sequence";

    UUID caseId;
    String customerId;
    String channel;
    String subject;
    String description;
    String severity;
    String failureCause;
    String status;
    String assignee;
    String outcome;
    Integer satisfactionScore;
    int resolutions;
    Timestamp openedAt;
    Timestamp resolvedAt;
    Timestamp lastEventAt;
    long lastSequence;
    /** Where the case was opened in the store's global order (bulk rebuilds only: to order erasures). */
    long openedAtPosition;

    Object[] values() {
        return new Object[]{caseId, customerId, channel, subject, description, severity, failureCause, status,
                assignee, outcome, satisfactionScore, resolutions, openedAt, resolvedAt, lastEventAt, lastSequence};
    }
}
