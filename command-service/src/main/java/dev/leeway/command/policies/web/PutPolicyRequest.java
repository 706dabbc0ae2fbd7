package dev.leeway.command.policies.web;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.command.web.MoneyBounds;
import dev.leeway.kernel.money.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code PUT /policies/{code}}: the whole of the policy's terms. Limits and budget are amounts in
 * {@code currency}. A revision may name the proposal and the bends that motivated it.
 */
public record PutPolicyRequest(@NotBlank @Size(max = 200) String title,
                               @NotBlank @Size(max = 4000) String purpose,
                               @NotNull PolicyKind kind,
                               @NotNull DeviationUnit unit,
                               @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                               @Schema(description = "Per role, the value it may give on its own authority. "
                                       + MoneyBounds.DESCRIPTION)
                               Map<Role, @NotNull @DecimalMin("0") @DecimalMax(Money.MAX_AMOUNT)
                                       @Digits(integer = MoneyBounds.INTEGER_DIGITS,
                                               fraction = MoneyBounds.FRACTION_DIGITS) BigDecimal> ownAuthorityLimits,
                               @Schema(description = MoneyBounds.DESCRIPTION)
                               @NotNull @DecimalMin("0") @DecimalMax(Money.MAX_AMOUNT)
                               @Digits(integer = MoneyBounds.INTEGER_DIGITS, fraction = MoneyBounds.FRACTION_DIGITS)
                               BigDecimal monthlyBudgetPerAgent,
                               UUID proposalId,
                               @Size(max = 500) List<@NotNull UUID> motivatingExceptionIds) {
}
