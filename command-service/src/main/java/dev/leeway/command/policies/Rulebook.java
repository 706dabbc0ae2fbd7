package dev.leeway.command.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyTerms;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rulebook as the command side decides with it: {@code event_store.policy_current}, one row per policy,
 * written by {@link RulebookProjection} in the same transaction as the policy's events, and read in a command's
 * transaction before its aggregate decides (the aggregate gets an in-memory {@link PolicyLookup}). A bend decided
 * after a revision committed sees the revision; none sees a version that was never stored. (A read model fed through
 * Kafka would lag, and a bend could rely on a version already replaced.) The terms are JSON written from
 * events, so they are read as stored events are, whatever an earlier version let into them.
 */
@Component
public class Rulebook {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<CurrentPolicy> row;

    Rulebook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.json = EventJson.storedEventMapper();
        this.row = (rs, n) -> new CurrentPolicy(new PolicyCode(rs.getString("policy_code")), rs.getInt("version"),
                readTerms(rs.getString("terms")), rs.getBoolean("retired"));
    }

    /** The policy by this code as it is now, if there is one. */
    public Optional<CurrentPolicy> find(PolicyCode code) {
        return jdbc.query("SELECT policy_code, version, terms, retired FROM event_store.policy_current "
                + "WHERE policy_code = ?", row, code.value()).stream().findFirst();
    }

    /** The one policy by this code as it is now (or none), for a command that names it. */
    public PolicyLookup extract(PolicyCode code) {
        Optional<CurrentPolicy> policy = find(code);
        return wanted -> wanted.equals(code) ? policy : Optional.empty();
    }

    /** Every policy as it is now, for a command that only its aggregate knows the policy of (a decision). */
    public PolicyLookup snapshot() {
        Map<PolicyCode, CurrentPolicy> policies = new HashMap<>();
        jdbc.query("SELECT policy_code, version, terms, retired FROM event_store.policy_current", row)
                .forEach(policy -> policies.put(policy.policyCode(), policy));
        return code -> Optional.ofNullable(policies.get(code));
    }

    void put(PolicyCode code, int version, PolicyTerms terms) {
        jdbc.update("""
                INSERT INTO event_store.policy_current (policy_code, version, terms, retired) VALUES (?, ?, ?, false)
                ON CONFLICT (policy_code) DO UPDATE SET version = excluded.version, terms = excluded.terms""",
                code.value(), version, writeTerms(terms));
    }

    void retire(PolicyCode code) {
        jdbc.update("UPDATE event_store.policy_current SET retired = true WHERE policy_code = ?", code.value());
    }

    private PolicyTerms readTerms(String text) {
        try {
            return json.readValue(text, PolicyTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable policy terms in the rulebook", e);
        }
    }

    private String writeTerms(PolicyTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy terms cannot be written", e);
        }
    }
}
