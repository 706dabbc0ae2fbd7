package dev.leeway.kernel.policies;

/** HARD rules (safety, legal, regulatory) are never bent; BENDABLE ones may be, within authority. */
public enum PolicyKind {
    BENDABLE,
    HARD
}
