package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ReviewVerdict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ReviewExceptionCommand(@TargetAggregateIdentifier CaseId caseId,
                                     @TargetAggregateVersion Long expectedVersion,
                                     ExceptionId exceptionId,
                                     ReviewVerdict verdict,
                                     String note) implements WithPersonalText {
}
