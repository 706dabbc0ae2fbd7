package dev.leeway.kernel.cases;

/** A supervisor's after-the-fact view of a bend. */
public enum ReviewVerdict {
    UPHELD,
    COACHED,
    RULE_CHANGE_PROPOSED
}
