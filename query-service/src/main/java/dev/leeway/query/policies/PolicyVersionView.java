package dev.leeway.query.policies;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One version of a policy: its terms then, what changed from the version before, and why. */
public record PolicyVersionView(String policyCode,
                                int version,
                                String title,
                                String purpose,
                                PolicyKind kind,
                                DeviationUnit unit,
                                String currency,
                                Map<Role, BigDecimal> ownAuthorityLimits,
                                BigDecimal monthlyBudgetPerAgent,
                                @Schema(description = "false when these terms hold an amount stored before today's "
                                        + "bounds existed (shown as null)")
                                boolean withinBounds,
                                @Schema(description = "The terms that differ from the version before; empty for "
                                        + "version 1")
                                List<String> changedTerms,
                                @Schema(description = "The rule-change proposal this revision answers, if any")
                                UUID proposalId,
                                @Schema(description = "The bends that motivated this revision")
                                List<UUID> motivatingExceptionIds,
                                @Schema(description = "Who defined or revised it; null when not recorded")
                                String changedBy,
                                Instant changedAt) {
}
