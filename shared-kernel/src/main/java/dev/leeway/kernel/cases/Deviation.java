package dev.leeway.kernel.cases;

import dev.leeway.kernel.policies.DeviationUnit;

import java.math.BigDecimal;
import java.util.Objects;

/** How far a bend goes past the rule, in the policy's unit: 3 DAYS, 20 MONEY, 1 COUNT. */
public record Deviation(BigDecimal amount, DeviationUnit unit) {

    /** The largest deviation Leeway accepts in a request, in any unit. */
    public static final String MAX_AMOUNT = "1000000";
    /** The most decimals a deviation may have (a quarter of a day, 0.0001 of a count). */
    public static final int MAX_DECIMALS = 4;
    private static final BigDecimal MAX = new BigDecimal(MAX_AMOUNT);

    public Deviation {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("deviation must not be negative");
        }
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }

    /**
     * Whether the amount is inside the bounds a request must keep. Events stored before the bounds existed may
     * hold larger ones (1e100000 was once stored written out in full); they are read, not decided with.
     */
    public boolean withinBounds() {
        return amount.scale() <= MAX_DECIMALS && amount.compareTo(MAX) <= 0;
    }
}
