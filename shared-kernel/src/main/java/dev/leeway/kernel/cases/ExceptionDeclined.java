package dev.leeway.kernel.cases;

import org.axonframework.serialization.Revision;

/** A second person said no to a requested bend. */
@Revision("1")
public record ExceptionDeclined(CaseId caseId, ExceptionId exceptionId, String declinedBy, String note) {
}
