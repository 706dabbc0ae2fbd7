package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ReopenCaseCommand(@TargetAggregateIdentifier CaseId caseId,
                                @TargetAggregateVersion Long expectedVersion,
                                String reason) implements WithPersonalText {
}
