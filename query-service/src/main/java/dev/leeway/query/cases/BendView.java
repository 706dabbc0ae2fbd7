package dev.leeway.query.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One bend on a case: what was given under which policy version, who asked, who decided, and the review. */
public record BendView(UUID exceptionId,
                       String policyCode,
                       int policyVersion,
                       BigDecimal deviation,
                       String deviationUnit,
                       BigDecimal valueAmount,
                       String valueCurrency,
                       String reasonCode,
                       String justification,
                       String status,
                       String authority,
                       String approverRole,
                       String requestedBy,
                       String grantedBy,
                       String declinedBy,
                       String reviewVerdict,
                       String reviewedBy,
                       Instant requestedAt,
                       Instant decidedAt,
                       Instant reviewedAt) {
}
