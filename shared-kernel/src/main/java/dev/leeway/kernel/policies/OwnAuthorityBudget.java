package dev.leeway.kernel.policies;

import dev.leeway.kernel.money.Money;

import java.time.YearMonth;

/**
 * How much value one person has given on their own authority under one policy in one month: the sum of their
 * own-limit grants in the events. On the command side it is a row read and locked in the command's transaction
 * before the case decides (exact under concurrency); a what-if replay keeps one in memory
 * ({@link InMemoryOwnAuthorityBudget}). {@link Guardrails} decides with either.
 */
public interface OwnAuthorityBudget {

    /**
     * Adds {@code value} to the actor's usage if the total stays within {@code monthlyBudget}; otherwise changes
     * nothing and answers false.
     */
    boolean tryReserve(String actorId, PolicyCode policy, YearMonth month, Money value, Money monthlyBudget);
}
