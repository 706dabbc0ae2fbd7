package dev.leeway.command.policies;

import dev.leeway.kernel.policies.PolicyCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetirePolicyCommand(@TargetAggregateIdentifier PolicyCode policyCode, String reason) {
}
