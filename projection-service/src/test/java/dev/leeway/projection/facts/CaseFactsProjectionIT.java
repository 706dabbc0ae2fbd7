package dev.leeway.projection.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.Direction;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.FailureCause;
import dev.leeway.kernel.cases.FailureContext;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.cases.ReviewVerdict;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.cases.Severity;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.support.CaseEventRecords;
import dev.leeway.projection.support.EventStoreRows;
import dev.leeway.projection.support.RunningProjectionService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CaseFactsProjectionIT extends RunningProjectionService {

    /** Imported history: it happened in 2019, whenever it was stored. */
    private static final Instant HAPPENED = Instant.parse("2019-03-04T09:00:00Z");
    private static final Instant STORED = Instant.parse("2026-11-30T12:00:00Z");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCaseHistoryBecomesItsFactsCountedAtTheTimesItHappened() throws Exception {
        UUID caseId = UUID.randomUUID();
        ExceptionId approved = new ExceptionId(UUID.randomUUID());
        ExceptionId atOnce = new ExceptionId(UUID.randomUUID());
        ExceptionId declined = new ExceptionId(UUID.randomUUID());

        for (ProducerRecord<String, String> record : history(caseId, approved, atOnce, declined)) {
            EventStoreRows.append(record);
            send(record);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> lastSequence(caseId) == 12L);
        Map<String, Object> fact = jdbc.queryForMap("SELECT * FROM read_model.case_fact WHERE case_id = ?", caseId);
        assertThat(fact).containsEntry("channel", "PHONE").containsEntry("segment", "LOYAL")
                .containsEntry("severity", "MAJOR").containsEntry("failure_cause", "COMPANY")
                .containsEntry("opened_at", at(0)).containsEntry("opened_by", "alice")
                .containsEntry("status", "RESOLVED")
                .containsEntry("first_resolved_at", at(6)).containsEntry("first_resolved_by", "bob")
                .containsEntry("outcome", "PARTIALLY_SOLVED").containsEntry("last_resolved_by", "alice")
                .containsEntry("resolutions", 2).containsEntry("reopenings", 1)
                .containsEntry("interactions", 2).containsEntry("recontacts", 1)
                .containsEntry("satisfaction_score", 2).containsEntry("satisfaction_credited_to", "bob")
                .containsEntry("satisfaction_at", at(8)).containsEntry("surveys", 1)
                .containsEntry("bends_requested", 3).containsEntry("bends_granted", 2)
                .containsEntry("bends_declined", 1).containsEntry("bends_pending", 0)
                .containsEntry("opened_week", Date.valueOf("2019-03-04")).containsEntry("seconds_to_resolve", 6 * 3600.0);
        assertThat(policies(fact.get("bent_policies"))).as("asked for, any status")
                .containsExactly("DELIVERY-FEE", "RETURN-WINDOW");
        assertThat(policies(fact.get("granted_policies"))).containsExactly("RETURN-WINDOW");
        assertThat(jdbc.queryForList("SELECT DISTINCT case_opened_at, case_opened_week, case_channel, case_segment"
                + " FROM read_model.case_actor_fact WHERE case_id = ? UNION SELECT DISTINCT case_opened_at,"
                + " case_opened_week, case_channel, case_segment FROM read_model.bend_fact WHERE case_id = ?",
                caseId, caseId)).as("every actor and bend row carries its case's opening")
                .containsExactly(Map.of("case_opened_at", at(0), "case_opened_week", Date.valueOf("2019-03-04"),
                        "case_channel", "PHONE", "case_segment", "LOYAL"));

        assertThat(jdbc.queryForList("SELECT actor_id, bends_requested FROM read_model.case_actor_fact"
                + " WHERE case_id = ? ORDER BY actor_id", caseId))
                .as("who acted: not sam, who only decided and reviewed, nor carol, who typed in the survey")
                .containsExactly(Map.of("actor_id", "alice", "bends_requested", 2),
                        Map.of("actor_id", "bob", "bends_requested", 1));

        Map<String, Object> approvedBend = bend(approved);
        assertThat(approvedBend).containsEntry("status", "GRANTED").containsEntry("authority", "APPROVED")
                .containsEntry("requested_by", "alice").containsEntry("requester_roles", "AGENT")
                .containsEntry("decided_by", "sam").containsEntry("approver_role", "SUPERVISOR")
                .containsEntry("requested_at", at(2)).containsEntry("decided_at", at(3))
                .containsEntry("requested_sequence", 2L).containsEntry("review_verdict", "UPHELD")
                .containsEntry("reviewed_at", at(10)).containsEntry("within_bounds", true);
        assertThat((BigDecimal) approvedBend.get("value_amount")).isEqualByComparingTo("120.00");
        assertThat(bend(atOnce)).containsEntry("status", "GRANTED").containsEntry("authority", "OWN_LIMIT")
                .containsEntry("requested_by", "bob").containsEntry("requester_roles", "AGENT,SUPERVISOR")
                .containsEntry("decided_by", "bob").containsEntry("requested_at", at(4))
                .containsEntry("decided_at", at(4));
        assertThat(bend(declined)).containsEntry("status", "DECLINED").containsEntry("decided_by", "sam")
                .containsEntry("approver_role", null);
        assertThat(List.of(bend(approved), bend(atOnce), bend(declined))).extracting(row -> row.get("first_under_policy"))
                .as("the case's first bend under RETURN-WINDOW, its second, its first under DELIVERY-FEE")
                .containsExactly(true, false, true);
    }

    @Test
    void aRebuildFromTheStoreMakesTheSameFactsAsTheStream() throws Exception {
        UUID caseId = UUID.randomUUID();
        for (ProducerRecord<String, String> record : history(caseId, new ExceptionId(UUID.randomUUID()),
                new ExceptionId(UUID.randomUUID()), new ExceptionId(UUID.randomUUID()))) {
            EventStoreRows.append(record);
            send(record);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSequence(caseId) == 12L);
        List<Map<String, Object>> fromTheStream = rowsOf(caseId);

        JsonNode rebuild = rebuild();

        assertThat(rebuild.path("state").asText()).as(rebuild.toString()).isEqualTo("SWAPPED");
        assertThat(rowsOf(caseId)).isEqualTo(fromTheStream);
    }

    private List<Map<String, Object>> rowsOf(UUID caseId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT * FROM read_model.case_fact WHERE case_id = ?", caseId));
        rows.addAll(jdbc.queryForList("SELECT * FROM read_model.case_actor_fact WHERE case_id = ? ORDER BY actor_id",
                caseId));
        rows.addAll(jdbc.queryForList("SELECT * FROM read_model.bend_fact WHERE case_id = ? ORDER BY exception_id",
                caseId));
        assertThat(rows).hasSizeGreaterThan(5);
        rows.forEach(row -> row.replaceAll((column, value) -> value instanceof Array ? policies(value) : value));
        return rows;
    }

    private static List<String> policies(Object array) {
        try {
            return List.of((String[]) ((Array) array).getArray());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ProducerRecord<String, String>> history(UUID caseId, ExceptionId approved, ExceptionId atOnce,
                                                         ExceptionId declined) {
        CaseId id = new CaseId(caseId);
        PolicyCode policy = new PolicyCode("RETURN-WINDOW");
        PolicyCode fee = new PolicyCode("DELIVERY-FEE");
        Deviation days = new Deviation(new BigDecimal("12"), DeviationUnit.DAYS);
        PersonalText text = PersonalText.legacy("text");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(event(caseId, 0, new CaseOpened(id, new CustomerId("CUST-7"), Channel.PHONE, text, null,
                new FailureContext(Severity.MAJOR, FailureCause.COMPANY), new CustomerSegment("LOYAL")), "alice", "AGENT"));
        records.add(event(caseId, 1, new InteractionLogged(id, Channel.EMAIL, Direction.IN, text), "alice", "AGENT"));
        records.add(event(caseId, 2, new ExceptionRequested(id, approved, policy, 3, days, Money.of("120", "EUR"),
                "LATE", text, "alice", Role.SUPERVISOR), "alice", "AGENT"));
        records.add(event(caseId, 3, new ExceptionGranted(id, approved, policy, 4, days, Money.of("120", "EUR"),
                "LATE", text, Authority.APPROVED, "alice", "sam"), "sam", "SUPERVISOR"));
        records.add(event(caseId, 4, new ExceptionGranted(id, atOnce, policy, 4, days, Money.of("30", "EUR"),
                "LATE", text, Authority.OWN_LIMIT, "bob", "bob"), "bob", "AGENT,SUPERVISOR"));
        records.add(event(caseId, 5, new ExceptionRequested(id, declined, fee, 1, days, Money.of("9000", "EUR"),
                "LATE", text, "alice", null), "alice", "AGENT"));
        records.add(event(caseId, 6, new CaseResolved(id, Outcome.SOLVED, text), "bob", "AGENT"));
        records.add(event(caseId, 7, new InteractionLogged(id, Channel.CHAT, Direction.IN, text), "alice", "AGENT"));
        records.add(event(caseId, 8, new SatisfactionRecorded(id, 2, text, 1, List.of("alice", "bob")), "carol", "AGENT"));
        records.add(event(caseId, 9, new ExceptionDeclined(id, declined, "sam", text), "sam", "SUPERVISOR"));
        records.add(event(caseId, 10, new ExceptionReviewed(id, approved, ReviewVerdict.UPHELD, PersonalText.legacy("fine"), "rita"),
                "rita", "SUPERVISOR"));
        records.add(event(caseId, 11, new CaseReopened(id, text), "alice", "AGENT"));
        records.add(event(caseId, 12, new CaseResolved(id, Outcome.PARTIALLY_SOLVED, text), "alice", "AGENT"));
        return records;
    }

    /** Stored now, happened {@code sequence} hours after {@link #HAPPENED}, as an imported event says. */
    private static ProducerRecord<String, String> event(UUID caseId, long sequence, Object event, String actor,
                                                        String roles) {
        return CaseEventRecords.of(caseId, sequence, event, STORED.plusSeconds(sequence), """
                {"actorId":"%s","actorRoles":"%s","occurredAt":"%s"}"""
                .formatted(actor, roles, HAPPENED.plusSeconds(3600 * sequence)));
    }

    private static Timestamp at(long sequence) {
        return Timestamp.from(HAPPENED.plusSeconds(3600 * sequence));
    }

    private long lastSequence(UUID caseId) {
        List<Long> sequence = jdbc.queryForList("SELECT last_sequence FROM read_model.case_fact WHERE case_id = ?",
                Long.class, caseId);
        return sequence.isEmpty() ? -1 : sequence.get(0);
    }

    private Map<String, Object> bend(ExceptionId exceptionId) {
        return jdbc.queryForMap("SELECT * FROM read_model.bend_fact WHERE exception_id = ?", exceptionId.value());
    }

    private JsonNode rebuild() throws Exception {
        assertThat(post("/projections/case_facts/rebuild", "ADMIN").statusCode()).isEqualTo(202);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = json.readTree(get("/projections/case_facts/rebuild", "ADMIN").body());
            return last[0].path("finishedAt").isTextual();
        });
        return last[0];
    }
}
