package dev.leeway.projection.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.ProposalId;
import dev.leeway.kernel.policies.RuleChangeProposed;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.ProjectedEvent;
import dev.leeway.projection.support.EventStoreRows;
import dev.leeway.projection.support.RunningProjectionService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.leeway.projection.policies.PolicyEvents.BEYOND_BOUNDS;
import static dev.leeway.projection.policies.PolicyEvents.record;
import static dev.leeway.projection.policies.PolicyEvents.terms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolicyProjectionIT extends RunningProjectionService {

    private static final PersonalText SEALED = PersonalText.sealed("7c1d0b2e-0000-4000-8000-0000000000k1",
            "c2VhbGVkLXByb3Bvc2Fs");

    private static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    PolicyProjection projection;

    @Test
    void definedProposedRevisedAndRetiredShowTheTermsInForceEveryVersionAndTheProposals() throws Exception {
        String code = unique("RETURNS");
        PolicyCode policy = new PolicyCode(code);
        ProposalId adopted = new ProposalId(UUID.randomUUID());
        ProposalId open = new ProposalId(UUID.randomUUID());
        ExceptionId bend = new ExceptionId(UUID.randomUUID());

        sendAll(List.of(
                record(code, 0, new PolicyDefined(policy, 1, terms(code, "50", "400", "250")), T0),
                record(code, 1, new RuleChangeProposed(policy, adopted, PersonalText.legacy("Let agents give 150"), List.of(bend), "alice"),
                        T0.plus(Duration.ofDays(10))),
                record(code, 2, new PolicyRevised(policy, 2, terms(code, "150", "400", "250"),
                        List.of("ownAuthorityLimits"), adopted, List.of(bend)), T0.plus(Duration.ofDays(20))),
                record(code, 3, new RuleChangeProposed(policy, open, SEALED, List.of(), "bob"),
                        T0.plus(Duration.ofDays(21))),
                record(code, 4, new PolicyRetired(policy, 2, "Replaced by RETURNS-2027"), T0.plus(Duration.ofDays(30)))));
        awaitPosition(code, 4);

        assertThat(policyRow(code))
                .containsEntry("version", 2)
                .containsEntry("title", code)
                .containsEntry("kind", "BENDABLE")
                .containsEntry("unit", "DAYS")
                .containsEntry("currency", "EUR")
                .containsEntry("within_bounds", true)
                .containsEntry("retired", true)
                .containsEntry("retired_by", "alice")
                .containsEntry("retirement_reason", "Replaced by RETURNS-2027");
        assertThat((BigDecimal) policyRow(code).get("monthly_budget")).isEqualByComparingTo("250");
        assertThat(((Timestamp) policyRow(code).get("retired_at")).toInstant()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(limits(code)).containsOnlyKeys("AGENT", "SUPERVISOR");
        assertThat(limits(code).get("AGENT")).isEqualTo("150.0000");
        assertThat(jdbc.queryForList("""
                        SELECT version, changed_terms::text AS changed, coalesce(proposal_id::text, '-') AS proposal,
                               motivating_exception_ids::text AS bends, own_authority_limits ->> 'AGENT' AS agent,
                               changed_at
                        FROM read_model.policy_version WHERE policy_code = ? ORDER BY version""", code))
                .extracting(row -> List.of(row.get("version"), row.get("changed"), row.get("proposal"),
                        row.get("bends"), row.get("agent"), ((Timestamp) row.get("changed_at")).toInstant()))
                .containsExactly(
                        List.of(1, "{}", "-", "{}", "50.00", T0),
                        List.of(2, "{ownAuthorityLimits}", adopted.toString(), "{" + bend + "}", "150.00",
                                T0.plus(Duration.ofDays(20))));
        assertThat(jdbc.queryForList("SELECT DISTINCT changed_by FROM read_model.policy_version WHERE policy_code = ?",
                String.class, code)).as("who defined and revised it, from the events' metadata").containsExactly("alice");
        assertThat(jdbc.queryForList("""
                        SELECT coalesce(proposal, proposal_key_id || ':' || proposal_sealed) AS text, proposed_by,
                               policy_version, adopted_in_version, cited_exception_ids::text AS cited
                        FROM read_model.rule_change_proposal WHERE policy_code = ? ORDER BY proposed_at""", code))
                .as("a proposal stored before sealing keeps its clear text; a sealed one stays sealed")
                .extracting(row -> List.of(row.get("text"), row.get("proposed_by"), row.get("policy_version"),
                        String.valueOf(row.get("adopted_in_version")), row.get("cited")))
                .containsExactly(
                        List.of("Let agents give 150", "alice", 1, "2", "{" + bend + "}"),
                        List.of(SEALED.keyId() + ":" + SEALED.sealed(), "bob", 2, "null", "{}"));
    }

    @Test
    void theSameRecordsDeliveredTwiceChangeNothing() throws Exception {
        String code = unique("TWICE");
        PolicyCode policy = new PolicyCode(code);
        List<ProducerRecord<String, String>> records = List.of(
                record(code, 0, new PolicyDefined(policy, 1, terms(code, "50", "400", "250")), T0),
                record(code, 1, new RuleChangeProposed(policy, new ProposalId(UUID.randomUUID()), SEALED, List.of(),
                        "alice"), T0.plusSeconds(60)),
                record(code, 2, new PolicyRevised(policy, 2, terms(code, "60", "400", "250"),
                        List.of("ownAuthorityLimits"), null, List.of()), T0.plusSeconds(120)));
        sendAll(records);
        awaitPosition(code, 2);
        List<Map<String, Object>> before = everyRowOf(code);
        double duplicatesBefore = counter("leeway.projection.events.duplicate");

        sendAll(records);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> counter("leeway.projection.events.duplicate") >= duplicatesBefore + records.size());
        assertThat(everyRowOf(code)).isEqualTo(before);
    }

    /** Beneath the framework's own duplicate check, the writes themselves are upserts. */
    @Test
    void applyingAnEventAgainWritesTheSameRows() {
        String code = unique("AGAIN");
        PolicyCode policy = new PolicyCode(code);
        ProposalId proposal = new ProposalId(UUID.randomUUID());
        List<ProjectedEvent> events = List.of(
                projected(code, 0, new PolicyDefined(policy, 1, terms(code, "50", "400", "250")), T0),
                projected(code, 1, new RuleChangeProposed(policy, proposal, SEALED, List.of(), "alice"), T0.plusSeconds(1)),
                projected(code, 2, new PolicyRevised(policy, 2, terms(code, "60", "400", "250"),
                        List.of("ownAuthorityLimits"), proposal, List.of()), T0.plusSeconds(2)),
                projected(code, 3, new PolicyRetired(policy, 2, "gone"), T0.plusSeconds(3)));
        events.forEach(projection::apply);
        List<Map<String, Object>> once = everyRowOf(code);

        events.forEach(projection::apply);
        projection.apply(events.get(0)); // even an older version applied late leaves the terms in force alone

        assertThat(everyRowOf(code)).isEqualTo(once);
        assertThat(policyRow(code)).containsEntry("version", 2).containsEntry("retired", true);
        assertThat(limits(code).get("AGENT")).isEqualTo("60.0000");
    }

    @Test
    void anAmountBeyondTheBoundsIsStoredAsNullNotRefused() throws Exception {
        String code = unique("POISONED");
        PolicyCode policy = new PolicyCode(code);

        sendAll(List.of(
                record(code, 0, new PolicyDefined(policy, 1, terms(code, BEYOND_BOUNDS, "400", "250")), T0),
                record(code, 1, new PolicyRevised(policy, 2, terms(code, "50", "400", BEYOND_BOUNDS),
                        List.of("ownAuthorityLimits", "monthlyBudgetPerAgent"), null, List.of()), T0.plusSeconds(60))));
        awaitPosition(code, 1);

        assertThat(policyRow(code)).containsEntry("version", 2).containsEntry("within_bounds", false)
                .containsEntry("monthly_budget", null);
        assertThat(limits(code).get("AGENT")).isEqualTo("50.0000");
        Map<String, Object> first = jdbc.queryForMap("""
                SELECT within_bounds, own_authority_limits -> 'AGENT' AS agent, monthly_budget
                FROM read_model.policy_version WHERE policy_code = ? AND version = 1""", code);
        assertThat(first.get("within_bounds")).isEqualTo(false);
        assertThat(String.valueOf(first.get("agent"))).isEqualTo("null");
        assertThat((BigDecimal) first.get("monthly_budget")).isEqualByComparingTo("250");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.parked_event WHERE aggregate_id = ?",
                Long.class, code)).isZero();
    }

    /** A rebuild replays the event store, not Kafka: the events are stored as command-service stores them. */
    @Test
    void aRebuildFromTheEventStoreGivesTheSameRulebookAsTheStream() throws Exception {
        EventStoreRows.migrate();
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(500))
                .until(() -> gauge("leeway.projection.lag.events") == 0);
        assertThat(finalState(rebuild(false))).as("live starts equal to the store").isEqualTo("SWAPPED");
        String code = unique("REBUILT");
        String poisoned = unique("POISONED");
        PolicyCode policy = new PolicyCode(code);
        ProposalId proposal = new ProposalId(UUID.randomUUID());
        List<ProducerRecord<String, String>> records = List.of(
                record(code, 0, new PolicyDefined(policy, 1, terms(code, "50", "400", "250")), T0),
                record(poisoned, 0, new PolicyDefined(new PolicyCode(poisoned), 1,
                        terms(poisoned, BEYOND_BOUNDS, "400", "250")), T0),
                record(code, 1, new RuleChangeProposed(policy, proposal, SEALED, List.of(), "alice"), T0.plusSeconds(1)),
                record(code, 2, new PolicyRevised(policy, 2, terms(code, "60", "400", "250"),
                        List.of("ownAuthorityLimits"), proposal, List.of()), T0.plusSeconds(2)),
                record(code, 3, new PolicyRetired(policy, 2, "gone"), T0.plusSeconds(3)));
        for (ProducerRecord<String, String> stored : records) {
            EventStoreRows.append(stored);
        }
        sendAll(records);
        awaitPosition(code, 3);
        awaitPosition(poisoned, 0);
        List<Map<String, Object>> live = everyRowOf(code);
        assertThat(finalState(rebuild(true))).isEqualTo("SAME");

        jdbc.update("UPDATE read_model.policy_limit SET amount = 999 WHERE policy_code = ? AND role = 'AGENT'", code);
        JsonNode damaged = rebuild(true);

        assertThat(damaged.path("state").asText()).isEqualTo("DIFFERENT");
        assertThat(damaged.path("diff").path("tables").findValuesAsText("table")).contains("policy_limit");
        assertThat(damaged.path("diff").toString()).contains(code + "/AGENT");
        assertThat(finalState(rebuild(false))).isEqualTo("SWAPPED");
        assertThat(everyRowOf(code)).isEqualTo(live);
        assertThat(policyRow(poisoned)).containsEntry("within_bounds", false);
    }

    private JsonNode rebuild(boolean dryRun) throws Exception {
        HttpResponse<String> started = post("/projections/policies/rebuild?dryRun=" + dryRun, "ADMIN");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = json.readTree(get("/projections/policies/rebuild", "ADMIN").body());
            return last[0].path("finishedAt").isTextual();
        });
        return last[0];
    }

    private static String finalState(JsonNode rebuild) {
        return rebuild.path("state").asText()
                + (rebuild.path("error").isTextual() ? ": " + rebuild.path("error").asText() : "");
    }

    private void awaitPosition(String code, long sequence) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("""
                        SELECT last_sequence FROM read_model.projection_position
                        WHERE projection = 'policies' AND aggregate_type = 'Policy' AND aggregate_id = ?""",
                Long.class, code).contains(sequence));
    }

    private Map<String, Object> policyRow(String code) {
        return jdbc.queryForMap("SELECT * FROM read_model.policy WHERE policy_code = ?", code);
    }

    /** Role to amount as PostgreSQL prints it; null where beyond the bounds. */
    private Map<String, String> limits(String code) {
        Map<String, String> limits = new HashMap<>();
        jdbc.query("SELECT role, amount::text AS amount FROM read_model.policy_limit WHERE policy_code = ?",
                (ResultSet row) -> {
                    limits.put(row.getString("role"), row.getString("amount"));
                }, code);
        return limits;
    }

    private List<Map<String, Object>> everyRowOf(String code) {
        return jdbc.queryForList("""
                SELECT 'policy' AS source, to_jsonb(p)::text AS row FROM read_model.policy p WHERE policy_code = ?
                UNION ALL
                SELECT 'limit', to_jsonb(l)::text FROM read_model.policy_limit l WHERE policy_code = ?
                UNION ALL
                SELECT 'version', to_jsonb(v)::text FROM read_model.policy_version v WHERE policy_code = ?
                UNION ALL
                SELECT 'proposal', to_jsonb(r)::text FROM read_model.rule_change_proposal r WHERE policy_code = ?
                ORDER BY 1, 2""", code, code, code, code);
    }

    private static ProjectedEvent projected(String code, long sequence, Object event, Instant at) {
        ProducerRecord<String, String> record = record(code, sequence, event, at);
        return new ProjectedEvent(new EventEnvelope("event-" + code + "-" + sequence, event.getClass().getName(), "1",
                "Policy", code, sequence, at, record.value(), "{\"actorId\":\"olivia\"}"), event);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
