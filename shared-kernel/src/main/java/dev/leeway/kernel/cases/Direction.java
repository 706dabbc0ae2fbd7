package dev.leeway.kernel.cases;

/** IN: the customer reached us; OUT: we reached the customer. */
public enum Direction {
    IN,
    OUT
}
