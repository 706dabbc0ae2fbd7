package dev.leeway.kernel.cases;

/** Under which authority a bend was granted: the actor's own limit, or a second person's approval. */
public enum Authority {
    OWN_LIMIT,
    APPROVED
}
