package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.query.web.ApiProblem;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;

/**
 * A what-if's terms made into the rulebook's own {@link PolicyTerms}, so that they pass exactly the checks a
 * policy owner's revision passes ({@link Money}: not negative, no more decimals than the currency has;
 * {@link PolicyTerms}: one currency; within {@link Money#MAX_AMOUNT}); whatever those refuse is a 400.
 */
final class ProposedTerms {

    private ProposedTerms() {
    }

    static PolicyTerms of(WhatIfRequest request, BendHistory.PolicyInForce policy) {
        if (request.currency() != null && !request.currency().equals(policy.currency())) {
            throw invalid("currency", "must be the policy's currency, " + policy.currency());
        }
        Currency currency = Currency.getInstance(policy.currency());
        Map<Role, Money> limits = new EnumMap<>(Role.class);
        if (request.ownAuthorityLimits() != null) {
            request.ownAuthorityLimits().forEach((role, amount) ->
                    limits.put(role, money("ownAuthorityLimits." + role, amount, currency)));
        }
        Money budget = money("monthlyBudgetPerAgent", request.monthlyBudgetPerAgent(), currency);
        PolicyTerms terms;
        try {
            terms = new PolicyTerms("what-if", "what-if", request.kind(), DeviationUnit.valueOf(policy.unit()), limits,
                    budget);
        } catch (IllegalArgumentException e) {
            throw invalid("terms", e.getMessage());
        }
        if (!terms.withinBounds()) {
            throw invalid("terms", "amounts must be at most " + Money.MAX_AMOUNT);
        }
        return terms;
    }

    private static Money money(String field, BigDecimal amount, Currency currency) {
        try {
            return new Money(amount, currency);
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' " + message + ".");
    }
}
