package dev.leeway.kernel.cases;

/** Whose failure brought the customer to us. */
public enum FailureCause {
    COMPANY,
    CUSTOMER,
    THIRD_PARTY,
    UNKNOWN
}
