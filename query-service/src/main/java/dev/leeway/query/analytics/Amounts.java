package dev.leeway.query.analytics;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

/**
 * Money added up per currency: amounts of different currencies are never summed together. Shown at least at the
 * currency's scale (120.00 EUR), never rounded: a stored amount with more decimals keeps them.
 */
public final class Amounts {

    private Amounts() {
    }

    /** A sorted, mutable map to add amounts into. */
    public static Map<String, BigDecimal> perCurrency() {
        return new TreeMap<>();
    }

    public static void add(Map<String, BigDecimal> totals, String currency, BigDecimal amount) {
        if (amount != null) {
            totals.merge(currency, shown(currency, amount), (a, b) -> shown(currency, a.add(b)));
        }
    }

    static BigDecimal shown(String currency, BigDecimal amount) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(Math.max(stripped.scale(), digits), 0));
    }
}
