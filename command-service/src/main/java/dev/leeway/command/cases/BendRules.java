package dev.leeway.command.cases;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.command.policies.PolicyLookup;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.cases.BendState;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.Guardrails;
import dev.leeway.kernel.policies.PolicyCode;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static dev.leeway.command.CommandRejectedException.require;

/**
 * The guardrails of bending a rule as the Case aggregate meets them: the rulebook's lookup and the rejections of the
 * command side around the one implementation, {@link Guardrails}, which analysts' what-if replays too.
 */
final class BendRules {

    private BendRules() {
    }

    /** The policy in force, if it may be bent at all for a value in this currency. Hard rules never bend. */
    static CurrentPolicy bendablePolicy(PolicyLookup rulebook, PolicyCode code, Money value) {
        CurrentPolicy policy = rulebook.find(code).orElseThrow(() ->
                new CommandRejectedException(ErrorCode.POLICY_UNKNOWN, "No policy " + code + "."));
        Guardrails.refusal(code, policy.terms(), policy.retired(), value).ifPresent(refusal -> {
            throw new CommandRejectedException(refusal.code(), refusal.message());
        });
        return policy;
    }

    /** A bend stored with a value beyond today's bounds stays on record, but nothing more is granted on it. */
    static void decidable(BendState bend) {
        require(bend.withinBounds(), ErrorCode.VALUE_OUT_OF_BOUNDS, "Exception " + bend.exceptionId()
                + " holds a value beyond Leeway's bounds (stored before they existed); decline it and request a new"
                + " one.");
    }

    /** Maker-checker: the second person is never the first. */
    static void notTheRequester(BendState bend, String actorId) {
        require(!actorId.equals(bend.requestedBy()), ErrorCode.SAME_PERSON_APPROVAL,
                "A bend you asked for needs someone else's approval.");
    }

    /** Nobody reviews a bend they asked for or granted. */
    static void notInvolvedIn(BendState bend, String actorId) {
        require(!actorId.equals(bend.requestedBy()) && !actorId.equals(bend.grantedBy()),
                ErrorCode.SAME_PERSON_REVIEW, "A bend you asked for or granted needs someone else's review.");
    }

    /** The month a bend counts against: the one it happened in (an imported bend's original time), else now. */
    static YearMonth budgetMonth(String occurredAt, Clock clock) {
        return occurredAt == null ? YearMonth.now(clock) : YearMonth.from(Instant.parse(occurredAt).atZone(ZoneOffset.UTC));
    }
}
