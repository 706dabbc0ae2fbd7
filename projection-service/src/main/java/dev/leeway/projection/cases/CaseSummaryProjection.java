package dev.leeway.projection.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.projection.privacy.PersonalTexts;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.SequenceCheck;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * {@code read_model.case_summary} (one row per case) and {@code read_model.case_bend} (one row per bend): the
 * analysts' case list and case view. Every event of a case moves the row's {@code last_sequence}, whether or not
 * this projection uses it.
 */
@Component
class CaseSummaryProjection implements Projection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalTexts texts;
    private final CaseBends bends;

    CaseSummaryProjection(JdbcTemplate jdbc, PersonalTexts texts) {
        this.jdbc = jdbc;
        this.json = EventJson.storedEventMapper();
        this.texts = texts;
        this.bends = new CaseBends(jdbc, texts);
    }

    @Override
    public String aggregateType() {
        return "Case";
    }

    @Override
    public long lockLastApplied(String aggregateId) {
        List<Long> rows = jdbc.queryForList(
                "SELECT last_sequence FROM read_model.case_summary WHERE case_id = ? FOR UPDATE",
                Long.class, UUID.fromString(aggregateId));
        return rows.isEmpty() ? SequenceCheck.NOTHING_APPLIED : rows.get(0);
    }

    @Override
    public void apply(EventEnvelope event) {
        Timestamp at = Timestamp.from(event.timestamp());
        String type = event.eventType();
        if (type.equals(CaseOpened.class.getName())) {
            opened(event, read(event, CaseOpened.class));
            return;
        }
        advance(event);
        UUID caseId = UUID.fromString(event.aggregateId());
        if (type.equals(CaseAssigned.class.getName())) {
            set(caseId, "assignee = ?", read(event, CaseAssigned.class).assignee());
        } else if (type.equals(ExceptionRequested.class.getName())) {
            bends.requested(read(event, ExceptionRequested.class), at);
        } else if (type.equals(ExceptionGranted.class.getName())) {
            bends.granted(read(event, ExceptionGranted.class), at);
        } else if (type.equals(ExceptionDeclined.class.getName())) {
            bends.declined(read(event, ExceptionDeclined.class), at);
        } else if (type.equals(ExceptionReviewed.class.getName())) {
            bends.reviewed(read(event, ExceptionReviewed.class), at);
        } else if (type.equals(CaseResolved.class.getName())) {
            jdbc.update("""
                    UPDATE read_model.case_summary
                    SET status = 'RESOLVED', outcome = ?, resolved_at = ?, resolutions = resolutions + 1,
                        satisfaction_score = NULL
                    WHERE case_id = ?""", read(event, CaseResolved.class).outcome().name(), at, caseId);
        } else if (type.equals(SatisfactionRecorded.class.getName())) {
            set(caseId, "satisfaction_score = ?", read(event, SatisfactionRecorded.class).score());
        } else if (type.equals(CaseReopened.class.getName())) {
            set(caseId, "status = ?", "OPEN");
        }
    }

    private void opened(EventEnvelope event, CaseOpened opened) {
        Timestamp at = Timestamp.from(event.timestamp());
        jdbc.update("""
                        INSERT INTO read_model.case_summary
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

    private void advance(EventEnvelope event) {
        jdbc.update("UPDATE read_model.case_summary SET last_sequence = ?, last_event_at = ? WHERE case_id = ?",
                event.sequence(), Timestamp.from(event.timestamp()), UUID.fromString(event.aggregateId()));
    }

    private void set(UUID caseId, String assignment, Object value) {
        jdbc.update("UPDATE read_model.case_summary SET " + assignment + " WHERE case_id = ?", value, caseId);
    }

    private <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + event.eventType() + " " + event.eventId(), e);
        }
    }
}
