package dev.leeway.command.policies;

import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.ProposalId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Defines a policy, or revises it to a new version when it exists. */
public record PutPolicyCommand(@TargetAggregateIdentifier PolicyCode policyCode,
                               PolicyTerms terms,
                               ProposalId proposalId,
                               List<ExceptionId> motivatingExceptionIds) {
}
