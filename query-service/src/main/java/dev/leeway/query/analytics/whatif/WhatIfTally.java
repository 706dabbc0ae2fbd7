package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts a replay as it streams by: per category on each side, per refusal reason, and per transition from the
 * actual category to the proposed one with the distinct cases involved (for their CSAT). Holds one entry per
 * case per transition, never the bends themselves.
 */
final class WhatIfTally {

    private final Currency currency;
    private final Side actual = new Side();
    private final Side proposed = new Side();
    private final Map<Category, Map<Category, Transition>> transitions = new EnumMap<>(Category.class);
    private long bends;

    WhatIfTally(Currency currency) {
        this.currency = currency;
    }

    void add(PastBend bend, Route actualRoute, Route proposedRoute) {
        BigDecimal value = summable(bend);
        bends++;
        actual.add(actualRoute, value);
        proposed.add(proposedRoute, value);
        transitions.computeIfAbsent(actualRoute.category(), from -> new EnumMap<>(Category.class))
                .computeIfAbsent(proposedRoute.category(), to -> new Transition())
                .add(bend, value);
    }

    WhatIfView view(String policyCode, Instant from, Instant to) {
        List<TransitionView> moves = new ArrayList<>();
        transitions.forEach((fromCategory, byTarget) -> byTarget.forEach((toCategory, transition) ->
                moves.add(transition.view(fromCategory, toCategory))));
        return new WhatIfView(policyCode, currency.getCurrencyCode(), from, to, bends, actual.view(), proposed.view(),
                moves);
    }

    /**
     * The value to sum: money in the policy's currency within Leeway's bounds; zero for anything else, which is
     * counted but would make a sum meaningless (another currency, or an amount stored before the bounds existed).
     */
    private BigDecimal summable(PastBend bend) {
        Optional<Money> money = WhatIfReplay.money(bend);
        if (money.isEmpty() || !money.get().currency().equals(currency) || !bend.withinBounds()
                || !money.get().withinBounds()) {
            return BigDecimal.ZERO;
        }
        return money.get().amount();
    }

    private BigDecimal zero() {
        return BigDecimal.ZERO.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY);
    }

    private BigDecimal scaled(BigDecimal sum) {
        return sum.add(zero());
    }

    private final class Side {
        private final Map<Category, long[]> counts = new EnumMap<>(Category.class);
        private final Map<Category, BigDecimal> values = new EnumMap<>(Category.class);
        private final Map<String, Long> refusedBecause = new TreeMap<>();

        void add(Route route, BigDecimal value) {
            counts.computeIfAbsent(route.category(), category -> new long[1])[0]++;
            values.merge(route.category(), value, BigDecimal::add);
            if (route.refusalReason() != null) {
                refusedBecause.merge(route.refusalReason(), 1L, Long::sum);
            }
        }

        OutcomesView view() {
            return new OutcomesView(category(Category.OWN_AUTHORITY), category(Category.SECOND_PERSON),
                    category(Category.REFUSED), refusedBecause);
        }

        private CategoryView category(Category category) {
            long[] count = counts.get(category);
            return new CategoryView(count == null ? 0 : count[0],
                    scaled(values.getOrDefault(category, BigDecimal.ZERO)));
        }
    }

    private final class Transition {
        private long bends;
        private BigDecimal value = BigDecimal.ZERO;
        /** Each case once, with its score (null when it has none). */
        private final Map<UUID, Integer> cases = new HashMap<>();

        void add(PastBend bend, BigDecimal bendValue) {
            bends++;
            value = value.add(bendValue);
            cases.put(bend.caseId(), bend.satisfactionScore());
        }

        TransitionView view(Category from, Category to) {
            long surveyed = 0;
            long total = 0;
            for (Integer score : cases.values()) {
                if (score != null) {
                    surveyed++;
                    total += score;
                }
            }
            BigDecimal mean = surveyed == 0 ? null
                    : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(surveyed), 2, RoundingMode.HALF_UP);
            return new TransitionView(from, to, from != to, bends, scaled(value), cases.size(),
                    new SatisfactionView(surveyed, mean));
        }
    }
}
