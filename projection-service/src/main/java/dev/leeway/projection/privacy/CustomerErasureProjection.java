package dev.leeway.projection.privacy;

import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.SequenceCheck;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * When a customer is erased, the personal text already opened into the read models is erased too; everything
 * else about their cases (bends, authority, reviews, scores) stays. Its position per customer is kept in
 * {@code read_model.customer_erasure}.
 */
@Component
class CustomerErasureProjection implements Projection {

    private final JdbcTemplate jdbc;

    CustomerErasureProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String aggregateType() {
        return "CustomerPrivacy";
    }

    @Override
    public long lockLastApplied(String aggregateId) {
        List<Long> rows = jdbc.queryForList(
                "SELECT last_sequence FROM read_model.customer_erasure WHERE customer_id = ? FOR UPDATE",
                Long.class, aggregateId);
        return rows.isEmpty() ? SequenceCheck.NOTHING_APPLIED : rows.get(0);
    }

    @Override
    public void apply(EventEnvelope event) {
        String customerId = event.aggregateId();
        jdbc.update("""
                INSERT INTO read_model.customer_erasure (customer_id, last_sequence, erased_at) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET last_sequence = excluded.last_sequence,
                                                        erased_at = excluded.erased_at""",
                customerId, event.sequence(), Timestamp.from(event.timestamp()));
        if (!CustomerDataErased.class.getName().equals(event.eventType())) {
            return;
        }
        jdbc.update("""
                UPDATE read_model.case_bend SET justification = ?
                WHERE case_id IN (SELECT case_id FROM read_model.case_summary WHERE customer_id = ?)""",
                PersonalText.ERASED, customerId);
        jdbc.update("""
                UPDATE read_model.case_summary
                SET subject = ?, description = CASE WHEN description IS NULL THEN NULL ELSE ? END
                WHERE customer_id = ?""", PersonalText.ERASED, PersonalText.ERASED, customerId);
    }
}
