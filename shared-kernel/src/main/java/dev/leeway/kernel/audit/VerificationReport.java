package dev.leeway.kernel.audit;

/**
 * What a verification found. {@code firstBrokenLink} is null when the log is intact; {@code extendsDigest} is
 * null unless a digest was given to check against.
 */
public record VerificationReport(boolean intact,
                                 long eventsChecked,
                                 long checkpointsChecked,
                                 long unsealedEvents,
                                 String latestDigest,
                                 Boolean extendsDigest,
                                 BrokenLink firstBrokenLink) {

    /** The earliest place, in global order, where the log differs from what was sealed. */
    public record BrokenLink(long position, String aggregateId, Long sequence, Reason reason, String detail) {
    }

    public enum Reason {
        /** The event's content no longer matches the hash taken when it was appended. */
        PAYLOAD_CHANGED,
        /** An event that was appended is gone. */
        EVENT_MISSING,
        /** An event is there that was never appended through the event store. */
        EVENT_INSERTED,
        /** Events are no longer where they were appended. */
        REORDERED,
        /** A checkpoint no longer matches the hashes it sealed, or its chain is broken. */
        CHECKPOINT_MISMATCH,
        /** The digest given is not in this log's checkpoint chain. */
        DIGEST_NOT_FOUND,
        /**
         * An event this version cannot decode (unknown type or revision, or JSON that does not map to its
         * record): the chain may hold, but the history cannot be read in full. Only the offline verifier checks it.
         */
        UNDECODABLE_EVENT
    }
}
