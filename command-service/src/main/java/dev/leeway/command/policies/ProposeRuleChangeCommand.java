package dev.leeway.command.policies;

import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.ProposalId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record ProposeRuleChangeCommand(@TargetAggregateIdentifier PolicyCode policyCode,
                                       ProposalId proposalId,
                                       String proposal,
                                       List<ExceptionId> citedExceptionIds) {
}
