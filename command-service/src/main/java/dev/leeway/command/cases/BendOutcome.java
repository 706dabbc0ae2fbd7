package dev.leeway.command.cases;

import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.BendStatus;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.identity.Role;

/** What became of a bend: granted at once (and under which authority), pending (and who must approve), declined. */
public record BendOutcome(ExceptionId exceptionId, BendStatus status, Authority authority, Role approverRole,
                          long caseVersion) {
}
