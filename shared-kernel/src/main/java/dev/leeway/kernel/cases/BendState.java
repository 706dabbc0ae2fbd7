package dev.leeway.kernel.cases;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;

/** One bend as it stands: what was asked, under which policy version, who decided, and the review if any. */
public record BendState(ExceptionId exceptionId,
                        PolicyCode policyCode,
                        int policyVersion,
                        Deviation deviation,
                        Money valueGiven,
                        String reasonCode,
                        PersonalText justification,
                        String requestedBy,
                        Role approverRole,
                        BendStatus status,
                        Authority authority,
                        String grantedBy,
                        String declinedBy,
                        ReviewVerdict verdict,
                        String reviewedBy) {

    static BendState requested(ExceptionRequested e) {
        return new BendState(e.exceptionId(), e.policyCode(), e.policyVersion(), e.deviation(), e.valueGiven(),
                e.reasonCode(), e.justification(), e.requestedBy(), e.approverRole(), BendStatus.PENDING,
                null, null, null, null, null);
    }

    static BendState granted(ExceptionGranted e, Role approverRole) {
        return new BendState(e.exceptionId(), e.policyCode(), e.policyVersion(), e.deviation(), e.valueGiven(),
                e.reasonCode(), e.justification(), e.requestedBy(), approverRole, BendStatus.GRANTED,
                e.authority(), e.grantedBy(), null, null, null);
    }

    BendState declined(ExceptionDeclined e) {
        return new BendState(exceptionId, policyCode, policyVersion, deviation, valueGiven, reasonCode, justification,
                requestedBy, approverRole, BendStatus.DECLINED, null, null, e.declinedBy(), null, null);
    }

    BendState reviewed(ExceptionReviewed e) {
        return new BendState(exceptionId, policyCode, policyVersion, deviation, valueGiven, reasonCode, justification,
                requestedBy, approverRole, status, authority, grantedBy, declinedBy, e.verdict(), e.reviewedBy());
    }

    /** Whether its deviation and value can still be decided with (see {@link Deviation#withinBounds()}). */
    public boolean withinBounds() {
        return deviation.withinBounds() && valueGiven.withinBounds();
    }

    public boolean pending() {
        return status == BendStatus.PENDING;
    }

    public boolean isReviewed() {
        return verdict != null;
    }
}
