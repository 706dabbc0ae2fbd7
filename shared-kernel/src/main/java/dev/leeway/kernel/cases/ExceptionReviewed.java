package dev.leeway.kernel.cases;

import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

/**
 * A supervisor looked at a granted bend afterwards. Once per bend, never by whoever granted it. The note may tell
 * of the customer, so it is sealed with the customer's key (revision 2; revision 1 stored it in the clear).
 */
@Revision("2")
public record ExceptionReviewed(CaseId caseId, ExceptionId exceptionId, ReviewVerdict verdict, PersonalText note,
                                String reviewedBy) {
}
