package dev.leeway.query.policies;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Someone asked for a rule to change, citing the bends that show why; adopted once a revision names it. */
public record RuleChangeProposalView(UUID proposalId,
                                     String policyCode,
                                     @Schema(description = "The version in force when it was proposed")
                                     Integer policyVersion,
                                     String proposal,
                                     List<UUID> citedExceptionIds,
                                     String proposedBy,
                                     Instant proposedAt,
                                     @Schema(description = "The version whose revision names this proposal; null "
                                             + "while none does")
                                     Integer adoptedInVersion) {
}
