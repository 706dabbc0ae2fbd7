package dev.leeway.projection.facts;

import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.money.Money;
import dev.leeway.projection.stream.ProjectedEvent;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * The one fold of the analysts' facts: how a case event changes its fact row, the row of whoever acted, and its
 * bend rows. The stream applies it to the rows it loads and writes back; a rebuild applies it to a whole case in
 * memory. Time is when it happened ({@link ProjectedEvent.Attribution#occurredAt()}), so imported history counts in
 * its own weeks and months. The event's metadata is read once per event.
 * <p>
 * Who "acted on" a case is who the case's own fold credits (CaseState.actors): whoever opened it, logged an
 * interaction, asked for a bend, resolved or reopened it. A second person deciding or reviewing a bend did not.
 */
final class CaseFactsFold {

    private static final String UNKNOWN = "UNKNOWN";

    private CaseFactsFold() {
    }

    static void apply(CaseFacts facts, ProjectedEvent event) {
        ProjectedEvent.Attribution by = event.attribution();
        Timestamp at = by.occurredAt();
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            if (facts.fact == null) {
                facts.fact = opened(opened, event, by);
                facts.factChanged = true;
                actedBy(facts, by.actorId());
            }
            return;
        }
        CaseFact fact = facts.fact;
        if (fact == null) {
            throw new IllegalStateException("case " + event.aggregateId() + " has no fact row for event "
                    + event.sequence() + ": its opening was never applied");
        }
        fact.lastSequence = event.sequence();
        facts.factChanged = true;
        if (payload instanceof InteractionLogged) {
            fact.interactions++;
            if (fact.firstResolvedAt != null) {
                fact.recontacts++;
            }
            actedBy(facts, by.actorId());
        } else if (payload instanceof ExceptionRequested requested) {
            if (facts.bends.containsKey(requested.exceptionId().value())) {
                throw new IllegalStateException("exception " + requested.exceptionId() + " was requested twice");
            }
            BendFact bend = asked(fact, event, by, requested.exceptionId().value(), requested.policyCode().value(),
                    requested.policyVersion(), requested.deviation(), requested.reasonCode(), requested.valueGiven(),
                    requested.requestedBy());
            bend.status = "PENDING";
            bend.approverRole = requested.approverRole() == null ? null : requested.approverRole().name();
            facts.changed(bend);
            fact.bendsRequested++;
            fact.bendsPending++;
            bend.firstUnderPolicy = fact.bentPolicies.add(bend.policyCode);
            actedBy(facts, requested.requestedBy()).bendsRequested++;
        } else if (payload instanceof ExceptionGranted granted) {
            granted(facts, event, by, granted);
        } else if (payload instanceof ExceptionDeclined declined) {
            BendFact bend = facts.bends.get(declined.exceptionId().value());
            if (bend != null && "PENDING".equals(bend.status)) {
                bend.status = "DECLINED";
                bend.decidedBy = declined.declinedBy();
                bend.decidedAt = at;
                facts.changed(bend);
                fact.bendsPending--;
                fact.bendsDeclined++;
            }
        } else if (payload instanceof ExceptionReviewed reviewed) {
            BendFact bend = facts.bends.get(reviewed.exceptionId().value());
            if (bend != null) {
                bend.reviewVerdict = reviewed.verdict().name();
                bend.reviewedBy = reviewed.reviewedBy();
                bend.reviewedAt = at;
                facts.changed(bend);
            }
        } else if (payload instanceof CaseResolved resolved) {
            fact.status = "RESOLVED";
            fact.outcome = resolved.outcome().name();
            fact.resolutions++;
            if (fact.firstResolvedAt == null) {
                fact.firstResolvedAt = at;
                fact.firstResolvedBy = by.actorId();
            }
            fact.lastResolvedBy = by.actorId();
            actedBy(facts, by.actorId());
        } else if (payload instanceof SatisfactionRecorded satisfaction) {
            fact.satisfactionScore = satisfaction.score();
            fact.satisfactionCreditedTo = fact.lastResolvedBy;
            fact.satisfactionAt = at;
            fact.surveys++;
        } else if (payload instanceof CaseReopened) {
            fact.status = "OPEN";
            fact.reopenings++;
            actedBy(facts, by.actorId());
        }
    }

    private static CaseFact opened(CaseOpened opened, ProjectedEvent event, ProjectedEvent.Attribution by) {
        CaseFact fact = new CaseFact();
        fact.caseId = opened.caseId().value();
        fact.channel = opened.channel().name();
        fact.segment = opened.segment().code();
        fact.severity = opened.failure() == null || opened.failure().severity() == null ? UNKNOWN
                : opened.failure().severity().name();
        fact.failureCause = opened.failure() == null || opened.failure().cause() == null ? UNKNOWN
                : opened.failure().cause().name();
        fact.openedAt = by.occurredAt();
        fact.openedBy = by.actorId();
        fact.status = "OPEN";
        fact.lastSequence = event.sequence();
        return fact;
    }

    /** Granted at once (a new row, asked and granted by the requester), or approved (the pending row). */
    private static void granted(CaseFacts facts, ProjectedEvent event, ProjectedEvent.Attribution by,
                                ExceptionGranted granted) {
        Timestamp at = by.occurredAt();
        CaseFact fact = facts.fact;
        BendFact bend = facts.bends.get(granted.exceptionId().value());
        if (bend == null) {
            bend = asked(fact, event, by, granted.exceptionId().value(), granted.policyCode().value(),
                    granted.policyVersion(), granted.deviation(), granted.reasonCode(), granted.valueGiven(),
                    granted.requestedBy());
            fact.bendsRequested++;
            bend.firstUnderPolicy = fact.bentPolicies.add(bend.policyCode);
            actedBy(facts, granted.requestedBy()).bendsRequested++;
        } else if ("PENDING".equals(bend.status)) {
            fact.bendsPending--;
        } else {
            return; // Granted twice: the aggregate never does that; the first grant stands.
        }
        fact.bendsGranted++;
        fact.grantedPolicies.add(bend.policyCode);
        bend.status = "GRANTED";
        bend.authority = granted.authority().name();
        bend.decidedBy = granted.grantedBy();
        bend.decidedAt = at;
        facts.changed(bend);
    }

    /** A new bend row as asked for, by the actor of {@code event} (the requester, roles from their token). */
    private static BendFact asked(CaseFact fact, ProjectedEvent event, ProjectedEvent.Attribution by, UUID exceptionId,
                                  String policyCode, int policyVersion, Deviation deviation, String reasonCode, Money value,
                                  String requestedBy) {
        BendFact bend = new BendFact();
        bend.exceptionId = exceptionId;
        bend.caseId = UUID.fromString(event.aggregateId());
        bend.policyCode = policyCode;
        bend.policyVersion = policyVersion;
        bend.deviation = deviation.amount();
        bend.deviationUnit = deviation.unit().name();
        bend.reasonCode = reasonCode;
        bend.valueAmount = value.amount();
        bend.valueCurrency = value.currency().getCurrencyCode();
        bend.withinBounds = value.withinBounds();
        bend.requestedBy = requestedBy;
        bend.requesterRoles = by.actorRoles();
        bend.requestedAt = by.occurredAt();
        bend.requestedSequence = event.sequence();
        bend.ofCase = CaseAttributes.of(fact);
        return bend;
    }

    /** The row of whoever acted; an event that does not say who (none does today) credits nobody. */
    private static ActorFact actedBy(CaseFacts facts, String actorId) {
        return actorId == null ? new ActorFact(facts.fact.caseId, null, 0, null) : facts.actedBy(actorId);
    }
}
