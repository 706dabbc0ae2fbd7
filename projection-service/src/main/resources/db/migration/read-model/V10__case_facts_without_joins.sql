-- Analysts' questions without joins (projection "case_facts"): at 100,000 cases, joining the actor and bend rows
-- to their case to filter and group them took most of each answer's time, and so did sorting and bucketing
-- expressions computed per row. The case's attributes that never change after it is opened (when, week, channel,
-- segment) are copied onto its actor and bend rows; the case row keeps its time to resolve, its week and the
-- policies it was bent under, as the fold wrote them. Existing rows are filled in here, so no rebuild is needed.

-- The back-fill below looks up each row's case and bends: planned on current statistics, not on none.
ANALYZE case_fact;
ANALYZE bend_fact;
ANALYZE case_actor_fact;

-- The Monday (ISO week, UTC) of the case's opening, and the seconds from opening to the first resolution (NULL
-- while unresolved): what "by week" groups and what the resolution percentiles sort.
ALTER TABLE case_fact
    ADD COLUMN opened_week        DATE,
    ADD COLUMN seconds_to_resolve DOUBLE PRECISION,
    -- Policies with a bend asked for on the case (any status), and those with one granted; sorted, no repeats.
    ADD COLUMN bent_policies      VARCHAR(50)[] NOT NULL DEFAULT '{}',
    ADD COLUMN granted_policies   VARCHAR(50)[] NOT NULL DEFAULT '{}';

UPDATE case_fact c SET
    opened_week        = date_trunc('week', c.opened_at AT TIME ZONE 'UTC')::date,
    seconds_to_resolve = extract(epoch FROM c.first_resolved_at - c.opened_at)::double precision,
    bent_policies      = coalesce((SELECT array_agg(DISTINCT b.policy_code ORDER BY b.policy_code)
                                   FROM bend_fact b WHERE b.case_id = c.case_id), '{}'),
    granted_policies   = coalesce((SELECT array_agg(DISTINCT b.policy_code ORDER BY b.policy_code)
                                   FROM bend_fact b WHERE b.case_id = c.case_id AND b.status = 'GRANTED'), '{}');

ALTER TABLE case_fact ALTER COLUMN opened_week SET NOT NULL;

-- Resolution figures per agent read this index alone, already in the order their percentiles need (an ordered-set
-- aggregate over 100,000 cases otherwise sorts them all first: most of that answer's time).
CREATE INDEX case_fact_resolution_by_agent ON case_fact (first_resolved_by, seconds_to_resolve)
    INCLUDE (opened_at, reopenings, recontacts);

-- Copies of the case's: an actor's or bend's row is filtered by when its case was opened and grouped by its
-- case's channel, segment or week, like the case row itself.
ALTER TABLE case_actor_fact
    ADD COLUMN case_opened_at   TIMESTAMPTZ,
    ADD COLUMN case_opened_week DATE,
    ADD COLUMN case_channel     VARCHAR(20),
    ADD COLUMN case_segment     VARCHAR(40);

UPDATE case_actor_fact a SET case_opened_at = c.opened_at, case_opened_week = c.opened_week,
                             case_channel = c.channel, case_segment = c.segment
FROM case_fact c WHERE c.case_id = a.case_id;

ALTER TABLE case_actor_fact
    ALTER COLUMN case_opened_at SET NOT NULL,
    ALTER COLUMN case_opened_week SET NOT NULL,
    ALTER COLUMN case_channel SET NOT NULL,
    ALTER COLUMN case_segment SET NOT NULL;

CREATE INDEX case_actor_fact_by_case_opened_at ON case_actor_fact (case_opened_at);

ALTER TABLE bend_fact
    ADD COLUMN case_opened_at   TIMESTAMPTZ,
    ADD COLUMN case_opened_week DATE,
    ADD COLUMN case_channel     VARCHAR(20),
    ADD COLUMN case_segment     VARCHAR(40);

UPDATE bend_fact b SET case_opened_at = c.opened_at, case_opened_week = c.opened_week,
                       case_channel = c.channel, case_segment = c.segment
FROM case_fact c WHERE c.case_id = b.case_id;

ALTER TABLE bend_fact
    ALTER COLUMN case_opened_at SET NOT NULL,
    ALTER COLUMN case_opened_week SET NOT NULL,
    ALTER COLUMN case_channel SET NOT NULL,
    ALTER COLUMN case_segment SET NOT NULL;

CREATE INDEX bend_fact_by_case_opened_at ON bend_fact (case_opened_at);

-- The case's first bend under its policy (the earliest asked for): counting these counts the cases bent under a
-- policy without a DISTINCT over case ids.
ALTER TABLE bend_fact ADD COLUMN first_under_policy BOOLEAN NOT NULL DEFAULT false;

UPDATE bend_fact b SET first_under_policy = true
WHERE NOT EXISTS (SELECT 1 FROM bend_fact e
                  WHERE e.case_id = b.case_id AND e.policy_code = b.policy_code
                    AND (e.requested_sequence, e.exception_id) < (b.requested_sequence, b.exception_id));
