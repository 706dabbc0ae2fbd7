package dev.leeway.kernel.audit;

/** The hash row written for an event at append: which event it was, and its link in the aggregate's chain. */
public record HashLink(long globalIndex,
                       String eventIdentifier,
                       String aggregateIdentifier,
                       long sequenceNumber,
                       byte[] previousHash,
                       byte[] hash) {
}
