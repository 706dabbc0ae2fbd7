package dev.leeway.kernel.policies;

/** What a bend of a policy is measured in: 3 DAYS past the window, 20 EUR of MONEY, 1 COUNT over, or NONE. */
public enum DeviationUnit {
    DAYS,
    MONEY,
    COUNT,
    NONE
}
