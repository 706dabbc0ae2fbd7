package dev.leeway.query.policies;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A policy as front-line apps show it: what may be bent, in what unit, and who may give how much. */
public record PolicyView(String policyCode,
                         int version,
                         boolean retired,
                         String title,
                         String purpose,
                         PolicyKind kind,
                         DeviationUnit unit,
                         String currency,
                         @Schema(description = "Per role, the most it may give on its own authority; null where "
                                 + "the stored amount is beyond today's bounds")
                         Map<Role, BigDecimal> ownAuthorityLimits,
                         BigDecimal monthlyBudgetPerAgent,
                         @Schema(description = "false when the terms hold an amount stored before today's bounds "
                                 + "existed (shown as null): nothing can be bent under them until a policy owner "
                                 + "revises them")
                         boolean withinBounds,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Instant retiredAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String retirementReason) {
}
