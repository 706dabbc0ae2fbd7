package dev.leeway.kernel.policies;

import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Someone on the front line asked for a rule to change, citing the bends that show why. The proposal may tell of
 * the cited bends' customers, so it is sealed (revision 2; revision 1 stored it in the clear) with a key of its own
 * that the erasure of any of those customers destroys.
 */
@Revision("2")
public record RuleChangeProposed(PolicyCode policyCode,
                                 ProposalId proposalId,
                                 PersonalText proposal,
                                 List<ExceptionId> citedExceptionIds,
                                 String proposedBy) {

    public RuleChangeProposed {
        citedExceptionIds = citedExceptionIds == null ? List.of() : List.copyOf(citedExceptionIds);
    }
}
