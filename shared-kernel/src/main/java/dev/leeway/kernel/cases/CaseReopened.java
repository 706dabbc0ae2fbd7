package dev.leeway.kernel.cases;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CaseReopened(CaseId caseId, String reason) {
}
