package dev.leeway.command.cases.web;

import dev.leeway.command.cases.BendPolicyCommand;
import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.policies.PolicyCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * Body of {@code POST /cases/{id}/exceptions}: which rule, how far past it (in the policy's unit), what the
 * customer gets, and why. The justification is required: a bend nobody can explain is not granted.
 */
public record BendPolicyRequest(@NotBlank String policyCode,
                                @Schema(description = "How far past the rule, in the policy's unit: 0 to "
                                        + Deviation.MAX_AMOUNT + ", at most " + Deviation.MAX_DECIMALS + " decimals")
                                @NotNull @DecimalMin("0") @DecimalMax(Deviation.MAX_AMOUNT)
                                @Digits(integer = 7, fraction = Deviation.MAX_DECIMALS) BigDecimal deviation,
                                @NotNull @Valid MoneyRequest valueGiven,
                                @NotBlank @Size(max = 50) String reasonCode,
                                @NotBlank @Size(max = 4000) String justification) {

    /** The policy code and the money are checked as values here: an invalid one is VALIDATION_FAILED. */
    public BendPolicyCommand toCommand(CaseId caseId, Long expectedVersion, ExceptionId exceptionId) {
        return new BendPolicyCommand(caseId, expectedVersion, exceptionId,
                InvalidRequestValue.convert("policyCode", () -> new PolicyCode(policyCode)),
                deviation, valueGiven.toMoney("valueGiven"), reasonCode, justification);
    }
}
