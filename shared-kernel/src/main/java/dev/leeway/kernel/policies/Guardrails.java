package dev.leeway.kernel.policies;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The guardrails of bending a rule, written once: the command side decides every bend with them, and an analyst's
 * what-if replays past bends through them under proposed terms. Pure, apart from the budget it is handed.
 */
public final class Guardrails {

    /** Why a bend cannot be asked for at all. */
    public record Refusal(ErrorCode code, String message) {
    }

    /** How a bend that may be asked for goes: granted at once, or waiting for a second person. */
    public enum Route {
        /** Within the requester's own limit and monthly budget: granted at once. */
        OWN_AUTHORITY,
        /** Above the requester's own limit or budget: waits for someone whose limit covers it. */
        SECOND_PERSON
    }

    /** @param approverRole for {@link Route#SECOND_PERSON}, the lowest role whose limit covers the value; null if none's does */
    public record Decision(Route route, Role approverRole) {

        /** Nobody's own limit covers the value: it can be asked for, but nobody can approve it. */
        public boolean nobodyCanApprove() {
            return route == Route.SECOND_PERSON && approverRole == null;
        }
    }

    private Guardrails() {
    }

    /**
     * Whether a bend of {@code value} may be asked for under these terms: never under a retired policy or a hard
     * rule, only in the policy's currency, and only under terms within Leeway's bounds.
     */
    public static Optional<Refusal> refusal(PolicyCode code, PolicyTerms terms, boolean retired, Money value) {
        if (retired) {
            return Optional.of(new Refusal(ErrorCode.POLICY_RETIRED, "Policy " + code + " is retired."));
        }
        if (!terms.bendable()) {
            return Optional.of(new Refusal(ErrorCode.POLICY_NOT_BENDABLE, "Policy " + code + " is a hard rule."));
        }
        if (!value.sameCurrencyAs(terms.monthlyBudgetPerAgent())) {
            return Optional.of(new Refusal(ErrorCode.CURRENCY_MISMATCH, "Policy " + code + " counts value in "
                    + terms.monthlyBudgetPerAgent().currency() + "."));
        }
        if (!terms.withinBounds()) {
            return Optional.of(new Refusal(ErrorCode.VALUE_OUT_OF_BOUNDS, "Policy " + code
                    + " holds an amount beyond Leeway's bounds (stored before they existed); a policy owner must"
                    + " revise it before it can be bent."));
        }
        return Optional.empty();
    }

    /** Whether one of {@code roles} may give {@code value} on its own authority under these terms. */
    public static boolean withinOwnLimit(PolicyTerms terms, Set<Role> roles, Money value) {
        return terms.limitFor(roles).map(limit -> !value.isGreaterThan(limit)).orElse(false);
    }

    /**
     * How a bend that passed {@link #refusal} goes: on the requester's own authority when one of their roles'
     * limits covers {@code value} and their budget for {@code month} still holds it (reserved here), otherwise to
     * a second person. The budget is only touched when the limit covers the value.
     */
    public static Decision decide(PolicyCode code, PolicyTerms terms, String requester, Set<Role> roles, Money value,
                                  YearMonth month, OwnAuthorityBudget budget) {
        if (withinOwnLimit(terms, roles, value)
                && budget.tryReserve(requester, code, month, value, terms.monthlyBudgetPerAgent())) {
            return new Decision(Route.OWN_AUTHORITY, null);
        }
        return new Decision(Route.SECOND_PERSON, terms.lowestRoleCovering(value).orElse(null));
    }

    /** Roles as event metadata and tokens carry them: comma-separated names; unknown names are an error. */
    public static Set<Role> roles(String rolesText) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (rolesText != null && !rolesText.isBlank()) {
            Arrays.stream(rolesText.split(",")).map(String::trim).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }
}
