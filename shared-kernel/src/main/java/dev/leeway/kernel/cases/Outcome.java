package dev.leeway.kernel.cases;

/** How a case ended for the customer. */
public enum Outcome {
    SOLVED,
    PARTIALLY_SOLVED,
    NOT_SOLVED,
    WITHDRAWN
}
