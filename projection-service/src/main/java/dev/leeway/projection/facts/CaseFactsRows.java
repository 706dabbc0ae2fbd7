package dev.leeway.projection.facts;

import dev.leeway.projection.stream.Upserts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads the fact rows an event folds into and writes back those it changed, in the caller's transaction. Table
 * names are unqualified: the live schema, or the shadow one during a rebuild.
 */
final class CaseFactsRows {

    private static final RowMapper<CaseFact> CASE = (rs, n) -> {
        CaseFact row = new CaseFact();
        row.caseId = rs.getObject("case_id", UUID.class);
        row.channel = rs.getString("channel");
        row.segment = rs.getString("segment");
        row.severity = rs.getString("severity");
        row.failureCause = rs.getString("failure_cause");
        row.openedAt = rs.getTimestamp("opened_at");
        row.openedBy = rs.getString("opened_by");
        row.status = rs.getString("status");
        row.firstResolvedAt = rs.getTimestamp("first_resolved_at");
        row.firstResolvedBy = rs.getString("first_resolved_by");
        row.outcome = rs.getString("outcome");
        row.lastResolvedBy = rs.getString("last_resolved_by");
        row.resolutions = rs.getInt("resolutions");
        row.reopenings = rs.getInt("reopenings");
        row.interactions = rs.getInt("interactions");
        row.recontacts = rs.getInt("recontacts");
        row.satisfactionScore = rs.getObject("satisfaction_score", Integer.class);
        row.satisfactionCreditedTo = rs.getString("satisfaction_credited_to");
        row.satisfactionAt = rs.getTimestamp("satisfaction_at");
        row.surveys = rs.getInt("surveys");
        row.bendsRequested = rs.getInt("bends_requested");
        row.bendsGranted = rs.getInt("bends_granted");
        row.bendsDeclined = rs.getInt("bends_declined");
        row.bendsPending = rs.getInt("bends_pending");
        row.lastSequence = rs.getLong("last_sequence");
        row.bentPolicies.addAll(policies(rs, "bent_policies"));
        row.grantedPolicies.addAll(policies(rs, "granted_policies"));
        return row;
    };

    private static final RowMapper<ActorFact> ACTOR = (rs, n) -> new ActorFact(rs.getObject("case_id", UUID.class),
            rs.getString("actor_id"), rs.getInt("bends_requested"), ofCase(rs));

    private static final RowMapper<BendFact> BEND = (rs, n) -> {
        BendFact row = new BendFact();
        row.exceptionId = rs.getObject("exception_id", UUID.class);
        row.caseId = rs.getObject("case_id", UUID.class);
        row.policyCode = rs.getString("policy_code");
        row.policyVersion = rs.getInt("policy_version");
        row.deviation = rs.getBigDecimal("deviation");
        row.deviationUnit = rs.getString("deviation_unit");
        row.valueAmount = rs.getBigDecimal("value_amount");
        row.valueCurrency = rs.getString("value_currency");
        row.withinBounds = rs.getBoolean("within_bounds");
        row.reasonCode = rs.getString("reason_code");
        row.status = rs.getString("status");
        row.authority = rs.getString("authority");
        row.approverRole = rs.getString("approver_role");
        row.requestedBy = rs.getString("requested_by");
        row.requesterRoles = rs.getString("requester_roles");
        row.decidedBy = rs.getString("decided_by");
        row.reviewVerdict = rs.getString("review_verdict");
        row.reviewedBy = rs.getString("reviewed_by");
        row.requestedAt = rs.getTimestamp("requested_at");
        row.requestedSequence = rs.getLong("requested_sequence");
        row.decidedAt = rs.getTimestamp("decided_at");
        row.reviewedAt = rs.getTimestamp("reviewed_at");
        row.ofCase = ofCase(rs);
        row.firstUnderPolicy = rs.getBoolean("first_under_policy");
        return row;
    };

    private static final String CASE_UPSERT = Upserts.sql("case_fact", CaseFact.COLUMNS, "case_id");
    private static final String ACTOR_UPSERT = Upserts.sql("case_actor_fact", ActorFact.COLUMNS, "case_id, actor_id");
    private static final String BEND_UPSERT = Upserts.sql("bend_fact", BendFact.COLUMNS, "exception_id");

    private final JdbcTemplate jdbc;

    private static List<String> policies(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static CaseAttributes ofCase(ResultSet rs) throws SQLException {
        return new CaseAttributes(rs.getTimestamp("case_opened_at"), rs.getObject("case_opened_week",
                LocalDate.class), rs.getString("case_channel"), rs.getString("case_segment"));
    }

    CaseFactsRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The case's fact row (if any) with all its actor and bend rows (a case has a handful), to fold events into. */
    CaseFacts load(UUID caseId) {
        List<CaseFact> fact = jdbc.query("SELECT " + CaseFact.COLUMNS + " FROM case_fact WHERE case_id = ?", CASE,
                caseId);
        if (fact.isEmpty()) {
            return new CaseFacts(null, List.of(), List.of());
        }
        return new CaseFacts(fact.get(0),
                jdbc.query("SELECT " + ActorFact.COLUMNS + " FROM case_actor_fact WHERE case_id = ?", ACTOR, caseId),
                jdbc.query("SELECT " + BendFact.COLUMNS + " FROM bend_fact WHERE case_id = ?", BEND, caseId));
    }

    /**
     * As {@link #load} for every case in {@code caseIds} at once: one statement per table, not three per case.
     * A case without a fact row yet is in the answer with none.
     */
    Map<UUID, CaseFacts> loadAll(Collection<UUID> caseIds) {
        Map<UUID, CaseFacts> cases = new LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return cases;
        }
        UUID[] ids = caseIds.toArray(UUID[]::new);
        Map<UUID, CaseFact> facts = new HashMap<>();
        jdbc.query("SELECT " + CaseFact.COLUMNS + " FROM case_fact WHERE case_id = ANY (?)", CASE, (Object) ids)
                .forEach(fact -> facts.put(fact.caseId, fact));
        Map<UUID, List<ActorFact>> actors = new HashMap<>();
        Map<UUID, List<BendFact>> bends = new HashMap<>();
        if (!facts.isEmpty()) {
            UUID[] existing = facts.keySet().toArray(UUID[]::new);
            jdbc.query("SELECT " + ActorFact.COLUMNS + " FROM case_actor_fact WHERE case_id = ANY (?)", ACTOR,
                    (Object) existing).forEach(actor -> actors.computeIfAbsent(actor.caseId, id -> new ArrayList<>())
                    .add(actor));
            jdbc.query("SELECT " + BendFact.COLUMNS + " FROM bend_fact WHERE case_id = ANY (?)", BEND,
                    (Object) existing).forEach(bend -> bends.computeIfAbsent(bend.caseId, id -> new ArrayList<>())
                    .add(bend));
        }
        for (UUID caseId : caseIds) {
            cases.put(caseId, new CaseFacts(facts.get(caseId), actors.getOrDefault(caseId, List.of()),
                    bends.getOrDefault(caseId, List.of())));
        }
        return cases;
    }

    /** Writes the changed rows of all {@code cases}: one batched upsert per table. */
    void save(Collection<CaseFacts> cases) {
        List<Object[]> factRows = new ArrayList<>();
        List<Object[]> actorRows = new ArrayList<>();
        List<Object[]> bendRows = new ArrayList<>();
        for (CaseFacts facts : cases) {
            if (facts.factChanged) {
                factRows.add(facts.fact.values());
            }
            facts.changedActors.forEach(actorId -> actorRows.add(facts.actors.get(actorId).values()));
            facts.changedBends.forEach(bendId -> bendRows.add(facts.bends.get(bendId).values()));
        }
        Upserts.writeAll(jdbc, CASE_UPSERT, factRows);
        Upserts.writeAll(jdbc, ACTOR_UPSERT, actorRows);
        Upserts.writeAll(jdbc, BEND_UPSERT, bendRows);
    }
}
