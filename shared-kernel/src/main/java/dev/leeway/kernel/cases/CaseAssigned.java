package dev.leeway.kernel.cases;

import org.axonframework.serialization.Revision;

/** The case now belongs to {@code assignee} (a staff member's user id). */
@Revision("1")
public record CaseAssigned(CaseId caseId, String assignee) {
}
