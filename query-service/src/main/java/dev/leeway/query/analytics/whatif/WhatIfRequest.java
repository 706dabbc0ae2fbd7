package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyKind;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Body of {@code POST /analytics/what-if}: terms proposed for one policy, in the shape a policy owner would revise
 * them (amounts in the policy's currency), and which cases' bends to replay. The amounts are checked by the
 * rulebook's own value objects ({@link Money}, {@code PolicyTerms}), not by annotations here.
 */
public record WhatIfRequest(@NotBlank String policyCode,
                            @NotNull PolicyKind kind,
                            @Schema(description = "Per role, the value it may give on its own authority; a role "
                                    + "left out has no own authority")
                            Map<Role, @NotNull BigDecimal> ownAuthorityLimits,
                            @NotNull BigDecimal monthlyBudgetPerAgent,
                            @Schema(description = "The policy's currency; optional, and when given it must be the "
                                    + "policy's (proposed terms cannot change a policy's currency)")
                            @Pattern(regexp = "[A-Z]{3}") String currency,
                            @Schema(description = "Replay only bends of cases opened at or after this instant")
                            Instant from,
                            @Schema(description = "Replay only bends of cases opened before this instant")
                            Instant to) {
}
