package dev.leeway.kernel.cases;

import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

/** The customer and we spoke again, on any channel, in either direction. */
@Revision("2")
public record InteractionLogged(CaseId caseId, Channel channel, Direction direction, PersonalText summary) {
}
