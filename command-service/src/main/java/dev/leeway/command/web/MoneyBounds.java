package dev.leeway.command.web;

import dev.leeway.kernel.money.Money;

/**
 * The bounds of an amount of money in a request, for the validation annotations and the OpenAPI document. The
 * currency's own scale (2 for EUR, 0 for JPY) is checked when the amount becomes a {@link Money}.
 */
public final class MoneyBounds {

    /** Digits before the decimal point of {@link Money#MAX_AMOUNT}. */
    public static final int INTEGER_DIGITS = 10;
    /** The most decimals any currency has (CLF has 4); each currency allows only its own. */
    public static final int FRACTION_DIGITS = 4;
    public static final String DESCRIPTION = "An amount from 0 to " + Money.MAX_AMOUNT
            + ", with at most the currency's decimals (2 for EUR, 0 for JPY)";

    private MoneyBounds() {
    }
}
