package dev.leeway.kernel.cases;

import org.axonframework.serialization.Revision;

/** A supervisor looked at a granted bend afterwards. Once per bend, never by whoever granted it. */
@Revision("1")
public record ExceptionReviewed(CaseId caseId, ExceptionId exceptionId, ReviewVerdict verdict, String note,
                                String reviewedBy) {
}
