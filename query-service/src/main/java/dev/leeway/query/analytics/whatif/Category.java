package dev.leeway.query.analytics.whatif;

/** Where a bend ends up when it is asked for. */
public enum Category {
    /** Granted at once on the requester's own limit and monthly budget. */
    OWN_AUTHORITY,
    /** Waits for a second person whose limit covers it. */
    SECOND_PERSON,
    /** Cannot be granted: the rulebook refuses it outright, or nobody's limit covers it. */
    REFUSED
}
