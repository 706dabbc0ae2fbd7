package dev.leeway.kernel.policies;

import dev.leeway.kernel.money.Money;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

/** An {@link OwnAuthorityBudget} held in memory, for replaying past bends under other terms. Not thread-safe. */
public final class InMemoryOwnAuthorityBudget implements OwnAuthorityBudget {

    private record Key(String actorId, PolicyCode policy, YearMonth month) {
    }

    private final Map<Key, Money> used = new HashMap<>();

    @Override
    public boolean tryReserve(String actorId, PolicyCode policy, YearMonth month, Money value, Money monthlyBudget) {
        Key key = new Key(actorId, policy, month);
        Money before = used.get(key);
        Money after = before == null ? value : new Money(before.amount().add(value.amount()), value.currency());
        if (after.isGreaterThan(monthlyBudget)) {
            return false;
        }
        used.put(key, after);
        return true;
    }
}
