package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Outcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ResolveCaseCommand(@TargetAggregateIdentifier CaseId caseId,
                                 @TargetAggregateVersion Long expectedVersion,
                                 Outcome outcome,
                                 String summary) implements WithPersonalText {
}
