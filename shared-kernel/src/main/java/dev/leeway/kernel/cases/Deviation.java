package dev.leeway.kernel.cases;

import dev.leeway.kernel.policies.DeviationUnit;

import java.math.BigDecimal;
import java.util.Objects;

/** How far a bend goes past the rule, in the policy's unit: 3 DAYS, 20 MONEY, 1 COUNT. */
public record Deviation(BigDecimal amount, DeviationUnit unit) {

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
}
