package dev.leeway.command.policies.web;

import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyTerms;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** A policy as front-line apps show it: what may be bent, in what unit, and who may give how much. */
public record PolicyView(String policyCode,
                         int version,
                         boolean retired,
                         String title,
                         String purpose,
                         PolicyKind kind,
                         DeviationUnit unit,
                         String currency,
                         Map<Role, BigDecimal> ownAuthorityLimits,
                         BigDecimal monthlyBudgetPerAgent,
                         @Schema(description = "false when the terms hold an amount stored before today's bounds "
                                 + "existed (shown as null): nothing can be bent under them until a policy owner "
                                 + "revises them")
                         boolean withinBounds) {

    static PolicyView of(CurrentPolicy policy) {
        PolicyTerms terms = policy.terms();
        Map<Role, BigDecimal> limits = new EnumMap<>(Role.class);
        terms.ownAuthorityLimits().forEach((role, limit) -> limits.put(role, shown(limit)));
        return new PolicyView(policy.policyCode().value(), policy.version(), policy.retired(), terms.title(),
                terms.purpose(), terms.kind(), terms.unit(), terms.monthlyBudgetPerAgent().currency().getCurrencyCode(),
                limits, shown(terms.monthlyBudgetPerAgent()), terms.withinBounds());
    }

    /** An amount beyond the bounds (stored before they existed) is shown as null: no client could read it. */
    private static BigDecimal shown(Money amount) {
        return amount.withinBounds() ? amount.amount() : null;
    }
}
