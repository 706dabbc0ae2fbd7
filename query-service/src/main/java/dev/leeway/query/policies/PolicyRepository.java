package dev.leeway.query.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.privacy.KeyVaultReader;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The rulebook's read model, written by projection-service's {@code policies} projection. */
@Repository
class PolicyRepository {

    /** A policy with its limits as one JSON object, read in one statement (one snapshot). */
    private static final String POLICY = """
            SELECT p.*, (SELECT jsonb_object_agg(l.role, l.amount) FROM read_model.policy_limit l
                         WHERE l.policy_code = p.policy_code) AS own_authority_limits
            FROM read_model.policy p""";

    private static final TypeReference<Map<String, BigDecimal>> LIMITS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final RowMapper<PolicyView> policy;
    private final RowMapper<PolicyVersionView> version;
    private final RowMapper<RuleChangeProposalView> proposal;

    PolicyRepository(JdbcTemplate jdbc, KeyVaultReader keys) {
        this.jdbc = jdbc;
        this.policy = (row, n) -> {
            String currency = row.getString("currency");
            return new PolicyView(
                    row.getString("policy_code"),
                    row.getInt("version"),
                    row.getBoolean("retired"),
                    row.getString("title"),
                    row.getString("purpose"),
                    PolicyKind.valueOf(row.getString("kind")),
                    DeviationUnit.valueOf(row.getString("unit")),
                    currency,
                    limits(row.getString("own_authority_limits"), currency),
                    shown(row.getBigDecimal("monthly_budget"), currency),
                    row.getBoolean("within_bounds"),
                    instant(row.getTimestamp("retired_at")),
                    row.getString("retirement_reason"));
        };
        this.version = (row, n) -> {
            String currency = row.getString("currency");
            return new PolicyVersionView(
                    row.getString("policy_code"),
                    row.getInt("version"),
                    row.getString("title"),
                    row.getString("purpose"),
                    PolicyKind.valueOf(row.getString("kind")),
                    DeviationUnit.valueOf(row.getString("unit")),
                    currency,
                    limits(row.getString("own_authority_limits"), currency),
                    shown(row.getBigDecimal("monthly_budget"), currency),
                    row.getBoolean("within_bounds"),
                    List.of((String[]) row.getArray("changed_terms").getArray()),
                    row.getObject("proposal_id", UUID.class),
                    uuids(row.getArray("motivating_exception_ids")),
                    row.getString("changed_by"),
                    row.getTimestamp("changed_at").toInstant());
        };
        this.proposal = (row, n) -> new RuleChangeProposalView(
                row.getObject("proposal_id", UUID.class),
                row.getString("policy_code"),
                row.getObject("policy_version", Integer.class),
                proposalText(row, keys),
                uuids(row.getArray("cited_exception_ids")),
                row.getString("proposed_by"),
                row.getTimestamp("proposed_at").toInstant(),
                row.getObject("adopted_in_version", Integer.class));
    }

    /**
     * A proposal's text: opened while its key lives ("[erased]" once the erasure of a customer whose bend it cites
     * destroyed it), or the clear text of a proposal stored before sealing.
     */
    private static String proposalText(ResultSet row, KeyVaultReader keys) throws SQLException {
        String keyId = row.getString("proposal_key_id");
        return keyId == null ? row.getString("proposal")
                : keys.open(PersonalText.sealed(keyId, row.getString("proposal_sealed")));
    }

    List<PolicyView> all() {
        return jdbc.query(POLICY + " ORDER BY p.policy_code", policy);
    }

    Optional<PolicyView> find(PolicyCode code) {
        return jdbc.query(POLICY + " WHERE p.policy_code = ?", policy, code.value()).stream().findFirst();
    }

    boolean exists(PolicyCode code) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM read_model.policy WHERE policy_code = ?)", Boolean.class, code.value()));
    }

    List<PolicyVersionView> versionsOf(PolicyCode code) {
        return jdbc.query("SELECT * FROM read_model.policy_version WHERE policy_code = ? ORDER BY version",
                version, code.value());
    }

    /** Oldest first; the id breaks ties. */
    List<RuleChangeProposalView> proposalsOf(PolicyCode code) {
        return jdbc.query("""
                        SELECT * FROM read_model.rule_change_proposal WHERE policy_code = ?
                        ORDER BY proposed_at, proposal_id""", proposal, code.value());
    }

    /** {"AGENT": 150.0000, "SUPERVISOR": null}: null where the stored amount was beyond the bounds. */
    private Map<Role, BigDecimal> limits(String text, String currency) {
        Map<Role, BigDecimal> limits = new EnumMap<>(Role.class);
        if (text == null) {
            return limits;
        }
        try {
            json.readValue(text, LIMITS).forEach((role, amount) -> limits.put(Role.valueOf(role), shown(amount, currency)));
            return limits;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable own-authority limits in the policy read model", e);
        }
    }

    /** At the currency's scale (150.00 EUR, 150 JPY), as command-service shows amounts; null stays null. */
    private static BigDecimal shown(BigDecimal amount, String currency) {
        return amount == null ? null : new Money(amount, Currency.getInstance(currency)).amount();
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return List.of((UUID[]) array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
