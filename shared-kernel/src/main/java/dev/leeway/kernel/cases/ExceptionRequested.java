package dev.leeway.kernel.cases;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

/**
 * A bend above the requester's own authority (limit or monthly budget): it waits for a second person.
 * {@code approverRole} is the lowest role whose limit covers the value, or null when no role's does.
 */
@Revision("2")
public record ExceptionRequested(CaseId caseId,
                                 ExceptionId exceptionId,
                                 PolicyCode policyCode,
                                 int policyVersion,
                                 Deviation deviation,
                                 Money valueGiven,
                                 String reasonCode,
                                 PersonalText justification,
                                 String requestedBy,
                                 Role approverRole) {
}
