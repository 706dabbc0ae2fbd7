package dev.leeway.kernel.cases;

import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

/** A second person said no to a requested bend. */
@Revision("2")
public record ExceptionDeclined(CaseId caseId, ExceptionId exceptionId, String declinedBy, PersonalText note) {
}
