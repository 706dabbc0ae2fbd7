package dev.leeway.projection.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.ProposalId;
import dev.leeway.kernel.policies.RuleChangeProposed;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.stream.ProjectedEvent;
import dev.leeway.projection.stream.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rulebook on the read side: {@code policy} and {@code policy_limit} (the terms in force), {@code
 * policy_version} (every version, with what changed and why) and {@code rule_change_proposal}. An amount that an
 * earlier version stored beyond today's bounds is written as NULL with {@code within_bounds} false, never refused.
 */
@Component
class PolicyProjection implements Projection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    PolicyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "policies";
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Policy");
    }

    @Override
    public List<String> tables() {
        return List.of("policy", "policy_limit", "policy_version", "rule_change_proposal");
    }

    @Override
    public void apply(ProjectedEvent event) {
        Object payload = event.payload();
        if (payload instanceof PolicyDefined defined) {
            inForce(defined.policyCode(), defined.version(), defined.terms(), event.timestamp());
            version(defined.policyCode(), defined.version(), defined.terms(), List.of(), null, List.of(),
                    event.actorId(), event.timestamp());
        } else if (payload instanceof PolicyRevised revised) {
            inForce(revised.policyCode(), revised.version(), revised.terms(), event.timestamp());
            version(revised.policyCode(), revised.version(), revised.terms(), revised.changedTerms(),
                    revised.proposalId(), revised.motivatingExceptionIds(), event.actorId(), event.timestamp());
            if (revised.proposalId() != null) {
                jdbc.update("""
                                UPDATE rule_change_proposal SET adopted_in_version = ?
                                WHERE proposal_id = ? AND policy_code = ? AND adopted_in_version IS NULL""",
                        revised.version(), revised.proposalId().value(), revised.policyCode().value());
            }
        } else if (payload instanceof RuleChangeProposed proposed) {
            proposal(proposed, event.timestamp());
        } else if (payload instanceof PolicyRetired retired) {
            jdbc.update("""
                            UPDATE policy SET retired = true, retired_at = ?, retired_by = ?, retirement_reason = ?,
                                              updated_at = ?
                            WHERE policy_code = ?""",
                    event.timestamp(), event.actorId(), retired.reason(), event.timestamp(),
                    retired.policyCode().value());
        }
    }

    /** The terms in force, and their limits; never replaced by an older version's. */
    private void inForce(PolicyCode code, int version, PolicyTerms terms, Timestamp at) {
        List<Integer> written = jdbc.queryForList("""
                        INSERT INTO policy (policy_code, version, title, purpose, kind, unit, currency, monthly_budget,
                                            within_bounds, retired, defined_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)
                        ON CONFLICT (policy_code) DO UPDATE
                        SET version = excluded.version, title = excluded.title, purpose = excluded.purpose,
                            kind = excluded.kind, unit = excluded.unit, currency = excluded.currency,
                            monthly_budget = excluded.monthly_budget, within_bounds = excluded.within_bounds,
                            updated_at = excluded.updated_at
                        WHERE policy.version <= excluded.version
                        RETURNING version""", Integer.class,
                code.value(), version, terms.title(), terms.purpose(), terms.kind().name(), terms.unit().name(),
                currency(terms), amount(terms.monthlyBudgetPerAgent()), terms.withinBounds(), at, at);
        if (written.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM policy_limit WHERE policy_code = ?", code.value());
        terms.ownAuthorityLimits().forEach((role, limit) -> jdbc.update(
                "INSERT INTO policy_limit (policy_code, role, amount) VALUES (?, ?, ?)",
                code.value(), role.name(), amount(limit)));
    }

    private void version(PolicyCode code, int version, PolicyTerms terms, List<String> changedTerms,
                         ProposalId proposalId, List<ExceptionId> motivatingExceptionIds, String changedBy,
                         Timestamp at) {
        jdbc.update("""
                INSERT INTO policy_version (policy_code, version, title, purpose, kind, unit, currency,
                                            own_authority_limits, monthly_budget, within_bounds, changed_terms,
                                            proposal_id, motivating_exception_ids, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (policy_code, version) DO UPDATE
                SET title = excluded.title, purpose = excluded.purpose, kind = excluded.kind, unit = excluded.unit,
                    currency = excluded.currency, own_authority_limits = excluded.own_authority_limits,
                    monthly_budget = excluded.monthly_budget, within_bounds = excluded.within_bounds,
                    changed_terms = excluded.changed_terms, proposal_id = excluded.proposal_id,
                    motivating_exception_ids = excluded.motivating_exception_ids, changed_by = excluded.changed_by,
                    changed_at = excluded.changed_at""",
                statement -> {
                    Connection connection = statement.getConnection();
                    statement.setString(1, code.value());
                    statement.setInt(2, version);
                    statement.setString(3, terms.title());
                    statement.setString(4, terms.purpose());
                    statement.setString(5, terms.kind().name());
                    statement.setString(6, terms.unit().name());
                    statement.setString(7, currency(terms));
                    statement.setString(8, limitsJson(terms));
                    statement.setBigDecimal(9, amount(terms.monthlyBudgetPerAgent()));
                    statement.setBoolean(10, terms.withinBounds());
                    statement.setArray(11, connection.createArrayOf("text", changedTerms.toArray()));
                    statement.setObject(12, proposalId == null ? null : proposalId.value());
                    statement.setArray(13, uuids(connection, motivatingExceptionIds));
                    statement.setString(14, changedBy);
                    statement.setTimestamp(15, at);
                });
    }

    /**
     * With the version in force when it was proposed. The text is kept as the event holds it, sealed (query-service
     * opens it while its key lives, so an erasure needs nothing here) or, stored before sealing, in the clear.
     */
    private void proposal(RuleChangeProposed proposed, Timestamp at) {
        PersonalText text = proposed.proposal();
        jdbc.update("""
                INSERT INTO rule_change_proposal (proposal_id, policy_code, policy_version, proposal, proposal_key_id,
                                                  proposal_sealed, cited_exception_ids, proposed_by, proposed_at)
                VALUES (?, ?, (SELECT version FROM policy WHERE policy_code = ?), ?, ?, ?, ?, ?, ?)
                ON CONFLICT (proposal_id) DO NOTHING""",
                statement -> {
                    statement.setObject(1, proposed.proposalId().value());
                    statement.setString(2, proposed.policyCode().value());
                    statement.setString(3, proposed.policyCode().value());
                    statement.setString(4, text.isSealed() ? null : text.plain());
                    statement.setString(5, text.isSealed() ? text.keyId() : null);
                    statement.setString(6, text.isSealed() ? text.sealed() : null);
                    statement.setArray(7, uuids(statement.getConnection(), proposed.citedExceptionIds()));
                    statement.setString(8, proposed.proposedBy());
                    statement.setTimestamp(9, at);
                });
    }

    /** {"AGENT": 150.00, "SUPERVISOR": null}: null where the amount is beyond the bounds. */
    private String limitsJson(PolicyTerms terms) {
        Map<Role, BigDecimal> limits = new EnumMap<>(Role.class);
        terms.ownAuthorityLimits().forEach((role, limit) -> limits.put(role, amount(limit)));
        try {
            return json.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("own-authority limits cannot be written", e);
        }
    }

    /** NULL for an amount beyond today's bounds: stored before they existed, and maybe beyond NUMERIC(19, 4). */
    private static BigDecimal amount(Money money) {
        return money.withinBounds() ? money.amount() : null;
    }

    private static String currency(PolicyTerms terms) {
        return terms.monthlyBudgetPerAgent().currency().getCurrencyCode();
    }

    private static Array uuids(Connection connection, List<ExceptionId> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.stream().map(ExceptionId::value).toArray(UUID[]::new));
    }
}
