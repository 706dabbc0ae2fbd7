package dev.leeway.projection.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.SequenceCheck;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/** {@code read_model.case_summary}: one row per case, for the analysts' case list and case view. */
@Component
class CaseSummaryProjection implements Projection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CaseSummaryProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
        if (CaseOpened.class.getName().equals(event.eventType())) {
            opened(event, read(event, CaseOpened.class));
        } else {
            advance(event);
        }
    }

    private void opened(EventEnvelope event, CaseOpened opened) {
        Timestamp at = Timestamp.from(event.timestamp());
        jdbc.update("""
                        INSERT INTO read_model.case_summary
                            (case_id, customer_id, channel, subject, description, status, opened_at, last_event_at,
                             last_sequence)
                        VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)
                        ON CONFLICT (case_id) DO NOTHING""",
                opened.caseId().value(), opened.customerId().value(), opened.channel().name(), opened.subject(),
                opened.description(), at, at, event.sequence());
    }

    private void advance(EventEnvelope event) {
        jdbc.update("UPDATE read_model.case_summary SET last_sequence = ?, last_event_at = ? WHERE case_id = ?",
                event.sequence(), Timestamp.from(event.timestamp()), UUID.fromString(event.aggregateId()));
    }

    private <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + event.eventType() + " " + event.eventId(), e);
        }
    }
}
