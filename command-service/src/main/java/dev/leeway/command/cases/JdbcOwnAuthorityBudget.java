package dev.leeway.command.cases;

import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.OwnAuthorityBudget;
import dev.leeway.kernel.policies.PolicyCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;

/**
 * The budget as one row per person, policy and month. The reservation is a single conditional UPDATE: PostgreSQL
 * locks the row, and a concurrent grant on another case waits, then re-checks the condition against the total
 * that includes the first grant. No two grants can together overrun the budget, without any lock in Java.
 */
@Component
class JdbcOwnAuthorityBudget implements OwnAuthorityBudget {

    private final JdbcTemplate jdbc;

    JdbcOwnAuthorityBudget(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryReserve(String actorId, PolicyCode policy, YearMonth month, Money value, Money monthlyBudget) {
        jdbc.update("""
                INSERT INTO event_store.own_authority_usage (actor_id, policy_code, month, currency, used)
                VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING""",
                actorId, policy.value(), month.toString(), value.currency().getCurrencyCode());
        int reserved = jdbc.update("""
                UPDATE event_store.own_authority_usage SET used = used + ?
                WHERE actor_id = ? AND policy_code = ? AND month = ? AND currency = ? AND used + ? <= ?""",
                value.amount(), actorId, policy.value(), month.toString(), value.currency().getCurrencyCode(),
                value.amount(), monthlyBudget.amount());
        return reserved == 1;
    }
}
