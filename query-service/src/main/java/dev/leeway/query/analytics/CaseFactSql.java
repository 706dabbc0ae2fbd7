package dev.leeway.query.analytics;

/** SQL fragments every analytics query shares, so that "a week" or "a resolved case" means one thing everywhere. */
public final class CaseFactSql {

    /** The Monday (ISO week start) of the case's opening, in UTC, as 2026-01-05. Needs case_fact aliased c. */
    public static final String WEEK_OF_OPENING =
            "to_char(date_trunc('week', c.opened_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')";

    private CaseFactSql() {
    }
}
