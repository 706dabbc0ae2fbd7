package dev.leeway.command.policies;

import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyTerms;

/** A policy as the rulebook holds it now: the version in force, its terms, and whether it is retired. */
public record CurrentPolicy(PolicyCode policyCode, int version, PolicyTerms terms, boolean retired) {
}
