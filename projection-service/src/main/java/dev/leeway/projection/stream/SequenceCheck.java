package dev.leeway.projection.stream;

/**
 * What to do with an event, given the last sequence a read row has applied for its aggregate. Publishing is at
 * least once and ordered per aggregate, so an event is either the next one, one already applied (redelivered),
 * or, if something was lost, one that leaves a gap.
 */
public enum SequenceCheck {
    APPLY,
    ALREADY_APPLIED,
    GAP;

    /** Sequence of a row that has applied nothing yet: its aggregate's first event has sequence 0. */
    public static final long NOTHING_APPLIED = -1;

    public static SequenceCheck of(long lastApplied, long incoming) {
        if (incoming <= lastApplied) {
            return ALREADY_APPLIED;
        }
        return incoming == lastApplied + 1 ? APPLY : GAP;
    }
}
