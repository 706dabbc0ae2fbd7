package dev.leeway.command.cases;

import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;

import java.time.YearMonth;

/**
 * How much value one person has given on their own authority under one policy in one month. Shared by all of
 * their cases, so it cannot live in a Case aggregate; it must be exact when a bend is decided, so it cannot be a
 * read model. The implementation is a row updated in the command's own transaction (see
 * {@link JdbcOwnAuthorityBudget}).
 */
public interface OwnAuthorityBudget {

    /**
     * Adds {@code value} to the actor's usage if the total stays within {@code monthlyBudget}; otherwise changes
     * nothing and answers false. Rolled back with the command if the command fails.
     */
    boolean tryReserve(String actorId, PolicyCode policy, YearMonth month, Money value, Money monthlyBudget);
}
