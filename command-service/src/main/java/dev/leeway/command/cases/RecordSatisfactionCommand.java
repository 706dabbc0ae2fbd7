package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RecordSatisfactionCommand(@TargetAggregateIdentifier CaseId caseId,
                                        @TargetAggregateVersion Long expectedVersion,
                                        int score,
                                        String comment) implements WithPersonalText {
}
