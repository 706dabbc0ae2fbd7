package dev.leeway.projection.cases;

import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.stream.ProjectedEvent;

import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;

/**
 * The one fold of this read model: how a case event changes the case's summary row and its bend rows. The
 * stream applies it to the rows it loads and writes back; a rebuild applies it to a whole case in memory and
 * writes each row once. Personal text is opened by {@code open} (to "[erased]" once the key is gone).
 */
final class CaseSummaryFold {

    private CaseSummaryFold() {
    }

    static void apply(CaseRows rows, ProjectedEvent event, Function<PersonalText, String> open, long position) {
        Timestamp at = event.timestamp();
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            if (rows.summary == null) {
                rows.summary = opened(opened, event, open, position);
                rows.summaryChanged = true;
            }
            return;
        }
        CaseRow summary = rows.summary;
        if (summary == null) {
            throw new IllegalStateException("case " + event.aggregateId() + " has no summary row for event "
                    + event.sequence() + ": its opening was never applied");
        }
        summary.lastSequence = event.sequence();
        summary.lastEventAt = at;
        rows.summaryChanged = true;
        if (payload instanceof CaseAssigned assigned) {
            summary.assignee = assigned.assignee();
        } else if (payload instanceof ExceptionRequested requested) {
            if (rows.bends.containsKey(requested.exceptionId().value())) {
                throw new IllegalStateException("exception " + requested.exceptionId() + " was requested twice");
            }
            rows.changed(requested(requested, at, open, position));
        } else if (payload instanceof ExceptionGranted granted) {
            rows.changed(granted(rows.bends.get(granted.exceptionId().value()), granted, at, open, position));
        } else if (payload instanceof ExceptionDeclined declined) {
            BendRow bend = rows.bends.get(declined.exceptionId().value());
            if (bend != null) {
                bend.status = "DECLINED";
                bend.declinedBy = declined.declinedBy();
                bend.decidedAt = at;
                rows.changed(bend);
            }
        } else if (payload instanceof ExceptionReviewed reviewed) {
            BendRow bend = rows.bends.get(reviewed.exceptionId().value());
            if (bend != null) {
                bend.reviewVerdict = reviewed.verdict().name();
                bend.reviewedBy = reviewed.reviewedBy();
                bend.reviewedAt = at;
                rows.changed(bend);
            }
        } else if (payload instanceof CaseResolved resolved) {
            summary.status = "RESOLVED";
            summary.outcome = resolved.outcome().name();
            summary.resolvedAt = at;
            summary.resolutions++;
            summary.satisfactionScore = null;
        } else if (payload instanceof SatisfactionRecorded satisfaction) {
            summary.satisfactionScore = satisfaction.score();
        } else if (payload instanceof CaseReopened) {
            summary.status = "OPEN";
        }
    }

    /**
     * The customer's personal text in the rows that existed when their data was erased (at global position
     * {@code erasedAt}; the stream erases the rows it has); bends, reviews and scores stay.
     */
    static void erase(CaseRows rows, long erasedAt) {
        if (rows.summary.openedAtPosition < erasedAt) {
            rows.summary.subject = PersonalText.ERASED;
            if (rows.summary.description != null) {
                rows.summary.description = PersonalText.ERASED;
            }
            rows.summaryChanged = true;
        }
        for (BendRow bend : List.copyOf(rows.bends.values())) {
            if (bend.createdAtPosition < erasedAt) {
                bend.justification = PersonalText.ERASED;
                rows.changed(bend);
            }
        }
    }

    private static CaseRow opened(CaseOpened opened, ProjectedEvent event, Function<PersonalText, String> open,
                                  long position) {
        CaseRow row = new CaseRow();
        row.caseId = opened.caseId().value();
        row.customerId = opened.customerId().value();
        row.channel = opened.channel().name();
        row.subject = open.apply(opened.subject());
        row.description = open.apply(opened.description());
        row.severity = opened.failure() == null || opened.failure().severity() == null ? null
                : opened.failure().severity().name();
        row.failureCause = opened.failure() == null || opened.failure().cause() == null ? null
                : opened.failure().cause().name();
        row.status = "OPEN";
        row.openedAt = event.timestamp();
        row.lastEventAt = event.timestamp();
        row.lastSequence = event.sequence();
        row.openedAtPosition = position;
        return row;
    }

    private static BendRow requested(ExceptionRequested e, Timestamp at, Function<PersonalText, String> open,
                                     long position) {
        BendRow bend = new BendRow();
        bend.exceptionId = e.exceptionId().value();
        bend.caseId = e.caseId().value();
        bend.policyCode = e.policyCode().value();
        bend.policyVersion = e.policyVersion();
        bend.deviation = e.deviation().amount();
        bend.deviationUnit = e.deviation().unit().name();
        bend.valueAmount = e.valueGiven().amount();
        bend.valueCurrency = e.valueGiven().currency().getCurrencyCode();
        bend.reasonCode = e.reasonCode();
        bend.justification = open.apply(e.justification());
        bend.status = "PENDING";
        bend.approverRole = e.approverRole() == null ? null : e.approverRole().name();
        bend.requestedBy = e.requestedBy();
        bend.requestedAt = at;
        bend.createdAtPosition = position;
        return bend;
    }

    /** Granted at once (a new row), or approved (the pending row, now under the version in force at approval). */
    private static BendRow granted(BendRow pending, ExceptionGranted e, Timestamp at,
                                   Function<PersonalText, String> open, long position) {
        BendRow bend = pending;
        if (bend == null) {
            bend = new BendRow();
            bend.exceptionId = e.exceptionId().value();
            bend.caseId = e.caseId().value();
            bend.policyCode = e.policyCode().value();
            bend.deviation = e.deviation().amount();
            bend.deviationUnit = e.deviation().unit().name();
            bend.valueAmount = e.valueGiven().amount();
            bend.valueCurrency = e.valueGiven().currency().getCurrencyCode();
            bend.reasonCode = e.reasonCode();
            bend.justification = open.apply(e.justification());
            bend.requestedBy = e.requestedBy();
            bend.requestedAt = at;
            bend.createdAtPosition = position;
        }
        bend.status = "GRANTED";
        bend.authority = e.authority().name();
        bend.grantedBy = e.grantedBy();
        bend.policyVersion = e.policyVersion();
        bend.decidedAt = at;
        return bend;
    }
}
