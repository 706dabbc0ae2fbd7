package dev.leeway.kernel.policies;

import dev.leeway.kernel.cases.ExceptionId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Someone on the front line asked for a rule to change, citing the bends that show why. */
@Revision("1")
public record RuleChangeProposed(PolicyCode policyCode,
                                 ProposalId proposalId,
                                 String proposal,
                                 List<ExceptionId> citedExceptionIds,
                                 String proposedBy) {

    public RuleChangeProposed {
        citedExceptionIds = citedExceptionIds == null ? List.of() : List.copyOf(citedExceptionIds);
    }
}
