package dev.leeway.projection.cases;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.UUID;

/** One row of {@code case_bend}, as {@link CaseSummaryFold} makes it. */
final class BendRow {
    static final String COLUMNS = "exception_id, case_id, policy_code, policy_version, deviation, deviation_unit, "
            + "value_amount, value_currency, reason_code, justification, status, authority, approver_role, "
            + "requested_by, granted_by, declined_by, review_verdict, reviewed_by, requested_at, decided_at, "
            + "reviewed_at";

    UUID exceptionId;
    UUID caseId;
    String policyCode;
    int policyVersion;
    BigDecimal deviation;
    String deviationUnit;
    BigDecimal valueAmount;
    String valueCurrency;
    String reasonCode;
    String justification;
    String status;
    String authority;
    String approverRole;
    String requestedBy;
    String grantedBy;
    String declinedBy;
    String reviewVerdict;
    String reviewedBy;
    Timestamp requestedAt;
    Timestamp decidedAt;
    Timestamp reviewedAt;
    /** Where the row was first written in the store's global order (bulk rebuilds only: to order erasures). */
    long createdAtPosition;

    Object[] values() {
        return new Object[]{exceptionId, caseId, policyCode, policyVersion, deviation, deviationUnit, valueAmount,
                valueCurrency, reasonCode, justification, status, authority, approverRole, requestedBy, grantedBy,
                declinedBy, reviewVerdict, reviewedBy, requestedAt, decidedAt, reviewedAt};
    }
}
