package dev.leeway.query.cases;

import java.time.Instant;

/**
 * Present on a case some of whose events the read model could not apply (projection-service parked them): the
 * view shows the case as it stood before event {@code fromSequence}, until an operator replays them after a fix.
 */
public record ParkedView(long fromSequence, int events, Instant since) {
}
