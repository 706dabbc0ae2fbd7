package dev.leeway.kernel.cases;

import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

/**
 * A bend took effect: under the requester's OWN_LIMIT at once, or APPROVED by a second person. It names the
 * policy version in force when it was granted; a later revision never changes what it says. The people are
 * business facts of the maker-checker rule, so they are in the payload, not only in the metadata.
 */
@Revision("2")
public record ExceptionGranted(CaseId caseId,
                               ExceptionId exceptionId,
                               PolicyCode policyCode,
                               int policyVersion,
                               Deviation deviation,
                               Money valueGiven,
                               String reasonCode,
                               PersonalText justification,
                               Authority authority,
                               String requestedBy,
                               String grantedBy) {
}
