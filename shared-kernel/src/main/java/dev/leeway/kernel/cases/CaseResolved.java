package dev.leeway.kernel.cases;

import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

@Revision("2")
public record CaseResolved(CaseId caseId, Outcome outcome, PersonalText summary) {
}
