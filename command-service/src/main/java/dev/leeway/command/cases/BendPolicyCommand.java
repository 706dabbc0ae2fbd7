package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;

public record BendPolicyCommand(@TargetAggregateIdentifier CaseId caseId,
                                @TargetAggregateVersion Long expectedVersion,
                                ExceptionId exceptionId,
                                PolicyCode policyCode,
                                BigDecimal deviation,
                                Money valueGiven,
                                String reasonCode,
                                String justification) implements WithPersonalText {
}
