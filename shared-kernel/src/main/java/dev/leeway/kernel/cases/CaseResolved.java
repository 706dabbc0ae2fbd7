package dev.leeway.kernel.cases;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CaseResolved(CaseId caseId, Outcome outcome, String summary) {
}
