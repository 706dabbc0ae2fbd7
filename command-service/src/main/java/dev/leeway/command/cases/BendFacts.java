package dev.leeway.command.cases;

import dev.leeway.command.policies.PolicyLookup;
import dev.leeway.kernel.policies.OwnAuthorityBudget;

import java.time.YearMonth;

/**
 * What a bend is decided with besides the case: the policy in force (if there is one by that code), the month whose
 * budget it counts against, and the requester's budget used so far in that month, read and locked before the
 * command reached the case ({@link CaseCommandFacts}).
 */
public record BendFacts(PolicyLookup rulebook, YearMonth month, OwnAuthorityBudget budget) {
}
