package dev.leeway.command.cases.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * Body of {@code POST /cases/{id}/exceptions}: which rule, how far past it (in the policy's unit), what the
 * customer gets, and why. The justification is required: a bend nobody can explain is not granted.
 */
public record BendPolicyRequest(@NotBlank String policyCode,
                                @NotNull @PositiveOrZero BigDecimal deviation,
                                @NotNull @Valid MoneyRequest valueGiven,
                                @NotBlank @Size(max = 50) String reasonCode,
                                @NotBlank @Size(max = 4000) String justification) {
}
