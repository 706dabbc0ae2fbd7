package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DecideExceptionCommand(@TargetAggregateIdentifier CaseId caseId,
                                     @TargetAggregateVersion Long expectedVersion,
                                     ExceptionId exceptionId,
                                     boolean approve,
                                     String note) implements WithPersonalText {
}
