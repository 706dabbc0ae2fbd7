package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.Guardrails;
import dev.leeway.kernel.policies.InMemoryOwnAuthorityBudget;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyTerms;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Past bends of one policy replayed, in the order they were asked for, under proposed terms: through the command
 * side's own {@link Guardrails} ({@code refusal}, then {@code decide} with a budget kept in memory), so that the
 * answer is what Leeway would have done, not what a second implementation thinks it would. Not thread-safe: one
 * replay per request.
 */
final class WhatIfReplay {

    private final PolicyCode code;
    private final PolicyTerms proposed;
    private final InMemoryOwnAuthorityBudget budget = new InMemoryOwnAuthorityBudget();

    WhatIfReplay(PolicyCode code, PolicyTerms proposed) {
        this.code = code;
        this.proposed = proposed;
    }

    /**
     * Where the bend would have gone under the proposed terms. A stored value that is no usable money, or beyond
     * the bounds, is refused (VALUE_OUT_OF_BOUNDS), as the command side refuses to decide with one; the policy is
     * taken as in force (not retired) since the bends were asked while it was. Consumes budget like the command
     * side: only bends granted on own authority count against it.
     */
    Route proposed(PastBend bend) {
        Optional<Money> money = money(bend);
        if (money.isEmpty()) {
            return Route.refused(knownCurrency(bend.valueCurrency())
                    ? RefusalReason.VALUE_OUT_OF_BOUNDS : RefusalReason.CURRENCY_MISMATCH);
        }
        Money value = money.get();
        Optional<Guardrails.Refusal> refusal = Guardrails.refusal(code, proposed, false, value);
        if (refusal.isPresent()) {
            return Route.refused(refusal.get().code().name());
        }
        if (!bend.withinBounds() || !value.withinBounds()) {
            return Route.refused(RefusalReason.VALUE_OUT_OF_BOUNDS);
        }
        YearMonth month = YearMonth.from(bend.requestedAt().atZone(ZoneOffset.UTC));
        Guardrails.Decision decision = Guardrails.decide(code, proposed, bend.requestedBy(),
                requesterRoles(bend.requesterRoles()), value, month, budget);
        if (decision.nobodyCanApprove()) {
            return Route.refused(RefusalReason.NOBODY_CAN_APPROVE);
        }
        return decision.route() == Guardrails.Route.OWN_AUTHORITY ? Route.OWN_AUTHORITY : Route.SECOND_PERSON;
    }

    /**
     * Where the bend went when it was asked for: granted on the requester's own limit; refused when it went to a
     * second person but nobody's limit covered it (no approver role) and it was never granted; otherwise to a
     * second person (pending, declined, or approved).
     */
    static Route actual(PastBend bend) {
        if ("OWN_LIMIT".equals(bend.authority())) {
            return Route.OWN_AUTHORITY;
        }
        if (bend.approverRole() == null && !"GRANTED".equals(bend.status())) {
            return Route.refused(RefusalReason.NOBODY_CAN_APPROVE);
        }
        return Route.SECOND_PERSON;
    }

    /** The value as money in its own currency, if it is any: sums and decisions use only such values. */
    static Optional<Money> money(PastBend bend) {
        if (!knownCurrency(bend.valueCurrency())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Money(bend.valueAmount(), Currency.getInstance(bend.valueCurrency().trim())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The requester's roles as the command side reads them. A role name this version does not know (from an
     * identity provider's token, or imported history) gives no authority and is dropped rather than failing the
     * whole replay.
     */
    static Set<Role> requesterRoles(String text) {
        try {
            return Guardrails.roles(text);
        } catch (IllegalArgumentException unknownRole) {
            Set<String> known = Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toSet());
            return Guardrails.roles(Arrays.stream(text.split(",")).map(String::trim).filter(known::contains)
                    .collect(Collectors.joining(",")));
        }
    }

    private static boolean knownCurrency(String code) {
        if (code == null) {
            return false;
        }
        try {
            Currency.getInstance(code.trim());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
