package dev.leeway.kernel.cases;

public enum BendStatus {
    /** Above the requester's authority: waits for a second person. */
    PENDING,
    GRANTED,
    DECLINED
}
