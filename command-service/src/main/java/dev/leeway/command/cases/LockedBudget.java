package dev.leeway.command.cases;

import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.OwnAuthorityBudget;
import dev.leeway.kernel.policies.PolicyCode;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One person's own-authority budget under one policy in one month, as read (and row-locked) in the command's
 * transaction: the aggregate reserves against it in memory, and {@link CaseCommandFacts} adds what it reserved to
 * the row before the transaction commits. Another concurrent bend by the same person waits on the row lock, then
 * reads the total that includes this one.
 */
final class LockedBudget implements OwnAuthorityBudget {

    private final String actorId;
    private final PolicyCode policy;
    private final YearMonth month;
    private final BigDecimal usedBefore;
    private BigDecimal reserved = BigDecimal.ZERO;
    private boolean exhausted;

    LockedBudget(String actorId, PolicyCode policy, YearMonth month, BigDecimal usedBefore) {
        this.actorId = actorId;
        this.policy = policy;
        this.month = month;
        this.usedBefore = usedBefore;
    }

    @Override
    public boolean tryReserve(String actorId, PolicyCode policy, YearMonth month, Money value, Money monthlyBudget) {
        if (!this.actorId.equals(actorId) || !this.policy.equals(policy) || !this.month.equals(month)) {
            throw new IllegalStateException("The budget read for this bend is " + this.actorId + "/" + this.policy
                    + "/" + this.month + ", not " + actorId + "/" + policy + "/" + month + ".");
        }
        BigDecimal after = usedBefore.add(reserved).add(value.amount());
        if (after.compareTo(monthlyBudget.amount()) > 0) {
            exhausted = true;
            return false;
        }
        reserved = reserved.add(value.amount());
        return true;
    }

    /** Whether a bend within the requester's limit went to a second person because this budget could not hold it. */
    boolean exhausted() {
        return exhausted;
    }

    /** What the aggregate reserved; zero when the bend went to a second person. */
    BigDecimal reserved() {
        return reserved;
    }
}
