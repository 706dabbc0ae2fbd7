package dev.leeway.kernel.policies;

import dev.leeway.kernel.cases.ExceptionId;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A rule changed: its new version and terms, which terms changed, and, when a rule change was asked for, the
 * proposal and the bends that motivated it. Bends granted earlier keep the version they relied on.
 */
@Revision("1")
public record PolicyRevised(PolicyCode policyCode,
                            int version,
                            PolicyTerms terms,
                            List<String> changedTerms,
                            ProposalId proposalId,
                            List<ExceptionId> motivatingExceptionIds) {

    public PolicyRevised {
        changedTerms = changedTerms == null ? List.of() : List.copyOf(changedTerms);
        motivatingExceptionIds = motivatingExceptionIds == null ? List.of() : List.copyOf(motivatingExceptionIds);
    }
}
