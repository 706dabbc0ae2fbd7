package dev.leeway.query.analytics.overrides;

/**
 * How override figures are grouped. Each says what a group's cases are and which bends count for it (SQL over
 * case_fact c, case_actor_fact a, bend_fact b; the actor and bend rows carry their case's opening, channel and
 * segment, so no query joins).
 */
public enum OverrideGrouping {
    /** Cases the agent acted on (case_actor_fact); bent when the agent asked for a bend on it; their own bends. */
    AGENT("a.actor_id", "b.requested_by"),
    CHANNEL("c.channel", "b.case_channel"),
    SEGMENT("c.segment", "b.case_segment"),
    /**
     * Cases with a bend under the policy, out of every case in the window (so rates of different policies compare,
     * and a case bent under two policies counts for both); that policy's bends.
     */
    POLICY(null, "b.policy_code"),
    /** The ISO week (Monday, UTC) the case was opened in. */
    WEEK("c.opened_week", "b.case_opened_week");

    private final String caseKey;
    private final String bendKey;

    OverrideGrouping(String caseKey, String bendKey) {
        this.caseKey = caseKey;
        this.bendKey = bendKey;
    }

    String caseKey() {
        return caseKey;
    }

    String bendKey() {
        return bendKey;
    }
}
