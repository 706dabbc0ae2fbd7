package dev.leeway.kernel.cases;

import org.axonframework.serialization.Revision;

/** The customer and we spoke again, on any channel, in either direction. */
@Revision("1")
public record InteractionLogged(CaseId caseId, Channel channel, Direction direction, String summary) {
}
