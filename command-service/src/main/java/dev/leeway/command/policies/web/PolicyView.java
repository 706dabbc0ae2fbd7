package dev.leeway.command.policies.web;

import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyTerms;

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
                         BigDecimal monthlyBudgetPerAgent) {

    static PolicyView of(CurrentPolicy policy) {
        PolicyTerms terms = policy.terms();
        Map<Role, BigDecimal> limits = new EnumMap<>(Role.class);
        terms.ownAuthorityLimits().forEach((role, limit) -> limits.put(role, limit.amount()));
        return new PolicyView(policy.policyCode().value(), policy.version(), policy.retired(), terms.title(),
                terms.purpose(), terms.kind(), terms.unit(), terms.monthlyBudgetPerAgent().currency().getCurrencyCode(),
                limits, terms.monthlyBudgetPerAgent().amount());
    }
}
