package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.ErrorCode;

/**
 * Why a replayed bend is refused. The rulebook's own refusals keep their error codes (POLICY_NOT_BENDABLE,
 * CURRENCY_MISMATCH, VALUE_OUT_OF_BOUNDS); the what-if adds one that is no error on the command side.
 */
final class RefusalReason {

    /**
     * Nobody's own limit covers the value ({@code Guardrails.Decision.nobodyCanApprove()}): the command side lets
     * it be asked for, but it can only wait or be declined, so the what-if counts it as refused.
     */
    static final String NOBODY_CAN_APPROVE = "NOBODY_CAN_APPROVE";

    /**
     * The stored value cannot be decided with: beyond Leeway's bounds (stored before they existed, within_bounds
     * false) or not an amount of money at all (negative, or more decimals than its currency has).
     */
    static final String VALUE_OUT_OF_BOUNDS = ErrorCode.VALUE_OUT_OF_BOUNDS.name();

    /** The stored currency code is not a currency. */
    static final String CURRENCY_MISMATCH = ErrorCode.CURRENCY_MISMATCH.name();

    private RefusalReason() {
    }
}
