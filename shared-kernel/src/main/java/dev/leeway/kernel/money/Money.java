package dev.leeway.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in a currency, at the currency's scale (12.5 EUR is kept as 12.50). Never negative: Leeway records
 * value given to customers and limits on it.
 */
public record Money(BigDecimal amount, Currency currency) {

    /**
     * The largest amount Leeway accepts in a request (in any currency). Amounts read from events stored before
     * this bound existed may be larger: such a Money is not {@linkplain #withinBounds() within bounds}, and
     * nothing new is decided with it.
     */
    public static final String MAX_AMOUNT = "1000000000";
    private static final BigDecimal MAX = new BigDecimal(MAX_AMOUNT);

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount has more decimals than " + currency + " allows");
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public boolean withinBounds() {
        return amount.compareTo(MAX) <= 0;
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    public boolean isGreaterThan(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount) > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!sameCurrencyAs(other)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
