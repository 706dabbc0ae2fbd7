package dev.leeway.projection.facts;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.UUID;

/** One row of {@code bend_fact}, as {@link CaseFactsFold} makes it. */
final class BendFact {
    static final String COLUMNS = "exception_id, case_id, policy_code, policy_version, deviation, deviation_unit, "
            + "value_amount, value_currency, within_bounds, reason_code, status, authority, approver_role, "
            + "requested_by, requester_roles, decided_by, review_verdict, reviewed_by, requested_at, "
            + "requested_sequence, decided_at, reviewed_at, " + CaseAttributes.COLUMNS + ", first_under_policy";

    UUID exceptionId;
    UUID caseId;
    String policyCode;
    int policyVersion;
    BigDecimal deviation;
    String deviationUnit;
    BigDecimal valueAmount;
    String valueCurrency;
    boolean withinBounds;
    String reasonCode;
    String status;
    String authority;
    String approverRole;
    String requestedBy;
    String requesterRoles;
    String decidedBy;
    String reviewVerdict;
    String reviewedBy;
    Timestamp requestedAt;
    long requestedSequence;
    Timestamp decidedAt;
    Timestamp reviewedAt;
    CaseAttributes ofCase;
    /** The case's first bend under this policy. */
    boolean firstUnderPolicy;

    Object[] values() {
        return new Object[]{exceptionId, caseId, policyCode, policyVersion, deviation, deviationUnit, valueAmount,
                valueCurrency, withinBounds, reasonCode, status, authority, approverRole, requestedBy, requesterRoles,
                decidedBy, reviewVerdict, reviewedBy, requestedAt, requestedSequence, decidedAt, reviewedAt,
                ofCase.openedAt(), ofCase.openedWeek(), ofCase.channel(), ofCase.segment(), firstUnderPolicy};
    }
}
