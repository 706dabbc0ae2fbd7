package dev.leeway.projection.cases;

import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.privacy.PersonalTexts;
import dev.leeway.projection.stream.ProjectedEvent;
import dev.leeway.projection.stream.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code case_summary} (one row per case) and {@code case_bend} (one row per bend): the analysts' case list and
 * case view. The row's {@code last_sequence} is the case's version (its ETag on the query side). When a customer
 * is erased, the personal text already opened into these rows reads "[erased]"; bends, authority, reviews and
 * scores stay.
 */
@Component
class CaseSummaryProjection implements Projection {

    private final JdbcTemplate jdbc;
    private final PersonalTexts texts;
    private final CaseBends bends;

    CaseSummaryProjection(JdbcTemplate jdbc, PersonalTexts texts) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.bends = new CaseBends(jdbc, texts);
    }

    @Override
    public String name() {
        return "case_summary";
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Case", "CustomerPrivacy");
    }

    @Override
    public List<String> tables() {
        return List.of("case_summary", "case_bend");
    }

    @Override
    public void apply(ProjectedEvent event) {
        Timestamp at = event.timestamp();
        Object payload = event.payload();
        if (payload instanceof CustomerDataErased erased) {
            erase(erased.customerId().value());
            return;
        }
        if (payload instanceof CaseOpened opened) {
            opened(event, opened);
            return;
        }
        UUID caseId = UUID.fromString(event.aggregateId());
        jdbc.update("UPDATE case_summary SET last_sequence = ?, last_event_at = ? WHERE case_id = ?",
                event.sequence(), at, caseId);
        if (payload instanceof CaseAssigned assigned) {
            set(caseId, "assignee = ?", assigned.assignee());
        } else if (payload instanceof ExceptionRequested requested) {
            bends.requested(requested, at);
        } else if (payload instanceof ExceptionGranted granted) {
            bends.granted(granted, at);
        } else if (payload instanceof ExceptionDeclined declined) {
            bends.declined(declined, at);
        } else if (payload instanceof ExceptionReviewed reviewed) {
            bends.reviewed(reviewed, at);
        } else if (payload instanceof CaseResolved resolved) {
            jdbc.update("""
                    UPDATE case_summary
                    SET status = 'RESOLVED', outcome = ?, resolved_at = ?, resolutions = resolutions + 1,
                        satisfaction_score = NULL
                    WHERE case_id = ?""", resolved.outcome().name(), at, caseId);
        } else if (payload instanceof SatisfactionRecorded satisfaction) {
            set(caseId, "satisfaction_score = ?", satisfaction.score());
        } else if (payload instanceof CaseReopened) {
            set(caseId, "status = ?", "OPEN");
        }
    }

    private void opened(ProjectedEvent event, CaseOpened opened) {
        Timestamp at = event.timestamp();
        jdbc.update("""
                        INSERT INTO case_summary
                            (case_id, customer_id, channel, subject, description, severity, failure_cause, status,
                             opened_at, last_event_at, last_sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)
                        ON CONFLICT (case_id) DO NOTHING""",
                opened.caseId().value(), opened.customerId().value(), opened.channel().name(),
                texts.open(opened.subject()), texts.open(opened.description()),
                opened.failure() == null || opened.failure().severity() == null ? null : opened.failure().severity().name(),
                opened.failure() == null || opened.failure().cause() == null ? null : opened.failure().cause().name(),
                at, at, event.sequence());
    }

    /** The customer's personal text in this read model's rows; their keys are destroyed, so it stays erased. */
    private void erase(String customerId) {
        jdbc.update("""
                UPDATE case_bend SET justification = ?
                WHERE case_id IN (SELECT case_id FROM case_summary WHERE customer_id = ?)""",
                PersonalText.ERASED, customerId);
        jdbc.update("""
                UPDATE case_summary
                SET subject = ?, description = CASE WHEN description IS NULL THEN NULL ELSE ? END
                WHERE customer_id = ?""", PersonalText.ERASED, PersonalText.ERASED, customerId);
    }

    private void set(UUID caseId, String assignment, Object value) {
        jdbc.update("UPDATE case_summary SET " + assignment + " WHERE case_id = ?", value, caseId);
    }
}
