package dev.leeway.command.cases;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.messaging.Fact;
import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.command.policies.PolicyLookup;
import dev.leeway.command.privacy.TextSealer;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.BendState;
import dev.leeway.kernel.cases.BendStatus;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.CaseState;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.Guardrails;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Set;

import static dev.leeway.command.CommandRejectedException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer problem, from opening to resolution. Handlers check the guardrails ({@link BendRules}) and apply
 * events; the state is the shared fold {@link CaseState}, so auditors rebuild exactly what this aggregate saw.
 * Handlers do no I/O: what they need beyond the case (the policy in force, the budget used, the customer's key)
 * arrives as {@link Fact}s, looked up before the command reached the case ({@link CaseCommandFacts}).
 * Free text that may hold personal data is sealed with the customer's key before it goes into an event.
 * Handlers return the case's version after the command, which the API hands out as the ETag.
 */
@Aggregate(cache = "aggregateCache")
public class Case {

    @AggregateIdentifier
    private CaseId caseId;
    private CaseState state = CaseState.NONE;

    protected Case() {
        // Axon rebuilds the case from its events through this constructor.
    }

    /** Any channel is accepted: the channel is recorded, never policed. */
    @CommandHandler
    public Case(OpenCaseCommand command, @Fact TextSealer sealer) {
        apply(new CaseOpened(command.caseId(), command.customerId(), command.channel(),
                sealer.seal(command.subject()), sealer.seal(command.description()), command.failure(),
                command.segment()));
    }

    @CommandHandler
    long handle(LogInteractionCommand command, @Fact TextSealer sealer) {
        apply(new InteractionLogged(caseId, command.channel(), command.direction(), sealer.seal(command.summary())));
        return state.version();
    }

    @CommandHandler
    long handle(AssignCaseCommand command) {
        requireOpen();
        apply(new CaseAssigned(caseId, command.assignee()));
        return state.version();
    }

    /**
     * Within the actor's limit and monthly budget the bend is granted at once; above either it waits. The budget
     * month is the month it happened in: now, or for imported history its original time ({@link BendFacts}).
     */
    @CommandHandler
    BendOutcome handle(BendPolicyCommand command,
                       @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId,
                       @MetaDataValue(MetadataKeys.ACTOR_ROLES) String actorRoles,
                       @Fact BendFacts facts, @Fact TextSealer sealer) {
        requireOpen();
        PersonalText justification = sealer.seal(command.justification());
        Money value = command.valueGiven();
        CurrentPolicy policy = BendRules.bendablePolicy(facts.rulebook(), command.policyCode(), value);
        Deviation deviation = new Deviation(command.deviation(), policy.terms().unit());
        Guardrails.Decision decision = Guardrails.decide(policy.policyCode(), policy.terms(), actorId,
                Guardrails.roles(actorRoles), value, facts.month(), facts.budget());
        if (decision.route() == Guardrails.Route.OWN_AUTHORITY) {
            apply(new ExceptionGranted(caseId, command.exceptionId(), policy.policyCode(), policy.version(),
                    deviation, value, command.reasonCode(), justification, Authority.OWN_LIMIT,
                    actorId, actorId));
            return outcome(command.exceptionId());
        }
        apply(new ExceptionRequested(caseId, command.exceptionId(), policy.policyCode(), policy.version(),
                deviation, value, command.reasonCode(), justification, actorId, decision.approverRole()));
        return outcome(command.exceptionId());
    }

    /** A second person approves (within their own limit, under the version in force now) or declines. */
    @CommandHandler
    BendOutcome handle(DecideExceptionCommand command,
                       @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId,
                       @MetaDataValue(MetadataKeys.ACTOR_ROLES) String actorRoles,
                       @Fact PolicyLookup rulebook, @Fact TextSealer sealer) {
        BendState bend = existingBend(command.exceptionId());
        require(bend.pending(), ErrorCode.ALREADY_DECIDED, "Exception " + command.exceptionId() + " is decided.");
        BendRules.notTheRequester(bend, actorId);
        if (!command.approve()) {
            apply(new ExceptionDeclined(caseId, bend.exceptionId(), actorId, sealer.seal(command.note())));
            return outcome(bend.exceptionId());
        }
        BendRules.decidable(bend);
        CurrentPolicy policy = BendRules.bendablePolicy(rulebook, bend.policyCode(), bend.valueGiven());
        Set<Role> roles = Guardrails.roles(actorRoles);
        require(Guardrails.withinOwnLimit(policy.terms(), roles, bend.valueGiven()), ErrorCode.OVER_APPROVER_LIMIT,
                "Your own limit under " + bend.policyCode() + " does not cover " + bend.valueGiven() + ".");
        apply(new ExceptionGranted(caseId, bend.exceptionId(), policy.policyCode(), policy.version(),
                bend.deviation(), bend.valueGiven(), bend.reasonCode(), bend.justification(), Authority.APPROVED,
                bend.requestedBy(), actorId));
        return outcome(bend.exceptionId());
    }

    @CommandHandler
    long handle(ReviewExceptionCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId,
                @Fact TextSealer sealer) {
        BendState bend = existingBend(command.exceptionId());
        require(bend.status() == BendStatus.GRANTED, ErrorCode.NOT_GRANTED,
                "Only granted bends are reviewed; " + command.exceptionId() + " is " + bend.status() + ".");
        require(!bend.isReviewed(), ErrorCode.ALREADY_REVIEWED, "Exception " + command.exceptionId() + " is reviewed.");
        BendRules.notInvolvedIn(bend, actorId);
        apply(new ExceptionReviewed(caseId, bend.exceptionId(), command.verdict(), sealer.seal(command.note()),
                actorId));
        return state.version();
    }

    @CommandHandler
    long handle(ResolveCaseCommand command, @Fact TextSealer sealer) {
        requireOpen();
        apply(new CaseResolved(caseId, command.outcome(), sealer.seal(command.summary())));
        return state.version();
    }

    /** Once per resolution, attributed to everyone who acted on the case, from the case's own timeline. */
    @CommandHandler
    long handle(RecordSatisfactionCommand command, @Fact TextSealer sealer) {
        require(state.isResolved(), ErrorCode.NOT_RESOLVED, "Satisfaction is recorded after resolution.");
        require(!state.satisfactionRecorded(), ErrorCode.SATISFACTION_ALREADY_RECORDED,
                "This resolution already has its satisfaction score.");
        apply(new SatisfactionRecorded(caseId, command.score(), sealer.seal(command.comment()),
                state.resolutions(), state.actors()));
        return state.version();
    }

    @CommandHandler
    long handle(ReopenCaseCommand command, @Fact TextSealer sealer) {
        require(state.isResolved(), ErrorCode.NOT_RESOLVED, "Only a resolved case can be reopened.");
        apply(new CaseReopened(caseId, sealer.seal(command.reason())));
        return state.version();
    }

    @EventSourcingHandler
    void on(Object event, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId) {
        if (event instanceof CaseOpened opened) {
            caseId = opened.caseId();
        }
        state = state.evolve(event, actorId);
    }

    private void requireOpen() {
        require(state.isOpen(), ErrorCode.CASE_NOT_OPEN, "Case " + caseId + " is " + state.status() + ".");
    }

    private BendState existingBend(ExceptionId exceptionId) {
        return state.bend(exceptionId).orElseThrow(() -> new CommandRejectedException(
                ErrorCode.EXCEPTION_NOT_FOUND, "Case " + caseId + " has no exception " + exceptionId + "."));
    }

    private BendOutcome outcome(ExceptionId exceptionId) {
        BendState bend = state.bend(exceptionId).orElseThrow();
        return new BendOutcome(exceptionId, bend.status(), bend.authority(), bend.approverRole(), state.version());
    }
}
