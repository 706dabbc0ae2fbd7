package dev.leeway.query.analytics.resolution;

/** How resolution figures are grouped. */
public enum ResolutionGrouping {
    /**
     * Resolution figures credited to who first resolved the case (first_resolved_by); CSAT to who resolved the
     * resolution the survey follows (satisfaction_credited_to). Unresolved cases belong to nobody.
     */
    AGENT(null),
    CHANNEL("c.channel"),
    /** Cases with at least one bend (any status) under the policy; a case bent under two counts for both. */
    POLICY("b.policy_code"),
    /** The ISO week (Monday, UTC) the case was opened in. */
    WEEK("c.opened_week");

    private final String key;

    ResolutionGrouping(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
