package dev.leeway.command.cases;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.command.policies.PolicyLookup;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.cases.BendState;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static dev.leeway.command.CommandRejectedException.require;

/** The guardrails of bending a rule, as small named checks the Case aggregate composes. */
final class BendRules {

    private BendRules() {
    }

    /** The policy in force, if it may be bent at all for a value in this currency. Hard rules never bend. */
    static CurrentPolicy bendablePolicy(PolicyLookup rulebook, PolicyCode code, Money value) {
        CurrentPolicy policy = rulebook.find(code).orElseThrow(() ->
                new CommandRejectedException(ErrorCode.POLICY_UNKNOWN, "No policy " + code + "."));
        require(!policy.retired(), ErrorCode.POLICY_RETIRED, "Policy " + code + " is retired.");
        require(policy.terms().bendable(), ErrorCode.POLICY_NOT_BENDABLE, "Policy " + code + " is a hard rule.");
        require(value.sameCurrencyAs(policy.terms().monthlyBudgetPerAgent()), ErrorCode.CURRENCY_MISMATCH,
                "Policy " + code + " counts value in " + policy.terms().monthlyBudgetPerAgent().currency() + ".");
        require(policy.terms().withinBounds(), ErrorCode.VALUE_OUT_OF_BOUNDS, "Policy " + code
                + " holds an amount beyond Leeway's bounds (stored before they existed); a policy owner must revise"
                + " it before it can be bent.");
        return policy;
    }

    /** Whether one of {@code roles} may give {@code value} on its own authority under this policy. */
    static boolean withinOwnLimit(CurrentPolicy policy, Set<Role> roles, Money value) {
        return policy.terms().limitFor(roles).map(limit -> !value.isGreaterThan(limit)).orElse(false);
    }

    /** A bend stored with a value beyond today's bounds stays on record, but nothing more is granted on it. */
    static void decidable(BendState bend) {
        require(bend.withinBounds(), ErrorCode.VALUE_OUT_OF_BOUNDS, "Exception " + bend.exceptionId()
                + " holds a value beyond Leeway's bounds (stored before they existed); decline it and request a new"
                + " one.");
    }

    /** Maker-checker: the second person is never the first. */
    static void notTheRequester(BendState bend, String actorId) {
        require(!actorId.equals(bend.requestedBy()), ErrorCode.SAME_PERSON_APPROVAL,
                "A bend you asked for needs someone else's approval.");
    }

    /** Nobody reviews a bend they asked for or granted. */
    static void notInvolvedIn(BendState bend, String actorId) {
        require(!actorId.equals(bend.requestedBy()) && !actorId.equals(bend.grantedBy()),
                ErrorCode.SAME_PERSON_REVIEW, "A bend you asked for or granted needs someone else's review.");
    }

    static Set<Role> roles(String rolesText) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (rolesText != null && !rolesText.isBlank()) {
            Arrays.stream(rolesText.split(",")).map(String::trim).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }
}
