package dev.leeway.command.cases;

import dev.leeway.kernel.policies.PolicyCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;

/**
 * {@code event_store.own_authority_usage}: value given on one's own authority per person, policy, month and
 * currency. It is the sum of the own-limit grants in the events (a test recounts it from them); it is kept as a row
 * so that a bend can lock its requester's budget before deciding.
 */
@Component
class OwnAuthorityUsage {

    private final JdbcTemplate jdbc;

    OwnAuthorityUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The budget used so far, with the row locked (made if missing) until the command's transaction ends. */
    LockedBudget lock(String actorId, PolicyCode policy, YearMonth month, Currency currency) {
        BigDecimal used = jdbc.queryForObject("""
                INSERT INTO event_store.own_authority_usage AS u (actor_id, policy_code, month, currency, used)
                VALUES (?, ?, ?, ?, 0)
                ON CONFLICT (actor_id, policy_code, month, currency) DO UPDATE SET used = u.used
                RETURNING used""", BigDecimal.class,
                actorId, policy.value(), month.toString(), currency.getCurrencyCode());
        return new LockedBudget(actorId, policy, month, used);
    }

    /** Adds what the aggregate reserved to the locked row. */
    void add(String actorId, PolicyCode policy, YearMonth month, Currency currency, BigDecimal amount) {
        jdbc.update("""
                UPDATE event_store.own_authority_usage SET used = used + ?
                WHERE actor_id = ? AND policy_code = ? AND month = ? AND currency = ?""",
                amount, actorId, policy.value(), month.toString(), currency.getCurrencyCode());
    }
}
