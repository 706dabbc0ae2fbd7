package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Direction;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code expectedVersion} comes from If-Match; null means "whatever the current version is". */
public record LogInteractionCommand(@TargetAggregateIdentifier CaseId caseId,
                                    @TargetAggregateVersion Long expectedVersion,
                                    Channel channel,
                                    Direction direction,
                                    String summary) implements WithPersonalText {
}
