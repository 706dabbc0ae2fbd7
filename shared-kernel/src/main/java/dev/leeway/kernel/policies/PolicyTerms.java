package dev.leeway.kernel.policies;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a version of a policy says: its kind, the unit a bend is measured in, how much value each role may give
 * on its own authority, and how much own-authority value one person may give per month under it.
 */
public record PolicyTerms(String title,
                          String purpose,
                          PolicyKind kind,
                          DeviationUnit unit,
                          Map<Role, Money> ownAuthorityLimits,
                          Money monthlyBudgetPerAgent) {

    public PolicyTerms {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        ownAuthorityLimits = ownAuthorityLimits == null || ownAuthorityLimits.isEmpty()
                ? Map.of() : Map.copyOf(new EnumMap<>(ownAuthorityLimits));
        Objects.requireNonNull(monthlyBudgetPerAgent, "monthlyBudgetPerAgent");
        for (Money limit : ownAuthorityLimits.values()) {
            if (!limit.sameCurrencyAs(monthlyBudgetPerAgent)) {
                throw new IllegalArgumentException("limits and budget must be in one currency");
            }
        }
    }

    /** Whether every amount in the terms is inside {@link Money}'s bounds; see {@link Money#withinBounds()}. */
    public boolean withinBounds() {
        return monthlyBudgetPerAgent.withinBounds() && ownAuthorityLimits.values().stream().allMatch(Money::withinBounds);
    }

    public boolean bendable() {
        return kind == PolicyKind.BENDABLE;
    }

    /** The highest own-authority limit among {@code roles}, if any of them has one. */
    public Optional<Money> limitFor(Iterable<Role> roles) {
        Money highest = null;
        for (Role role : roles) {
            Money limit = ownAuthorityLimits.get(role);
            if (limit != null && (highest == null || limit.isGreaterThan(highest))) {
                highest = limit;
            }
        }
        return Optional.ofNullable(highest);
    }

    /** The role with the lowest limit that still covers {@code value}: who has to approve a bend of that value. */
    public Optional<Role> lowestRoleCovering(Money value) {
        return ownAuthorityLimits.entrySet().stream()
                .filter(entry -> !value.isGreaterThan(entry.getValue()))
                .min(Comparator.comparing((Map.Entry<Role, Money> entry) -> entry.getValue().amount())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }
}
