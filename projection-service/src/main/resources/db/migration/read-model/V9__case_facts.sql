-- Analysts' facts (projection "case_facts", from the Case aggregate's events): one row per case, one per person
-- who acted on a case, one per bend. query-service answers every analytics question from these three tables
-- (and the policies read model); nothing here holds personal text.
--
-- Every time is when it happened: the event's occurredAt metadata where the history import set it (the original
-- time in the other system), else when the event was stored. Tables are named unqualified (see V6).

CREATE TABLE case_fact (
    case_id                  UUID         PRIMARY KEY,
    channel                  VARCHAR(20)  NOT NULL,
    -- NEW, REGULAR, LOYAL or an operator's code; UNKNOWN where none was given.
    segment                  VARCHAR(40)  NOT NULL,
    -- From the failure context; UNKNOWN where the case was opened without one.
    severity                 VARCHAR(20)  NOT NULL,
    failure_cause            VARCHAR(20)  NOT NULL,
    opened_at                TIMESTAMPTZ  NOT NULL,
    opened_by                VARCHAR(255),
    -- OPEN or RESOLVED, as it stands now.
    status                   VARCHAR(20)  NOT NULL,
    -- The first resolution: time to resolve is first_resolved_at - opened_at, credited to first_resolved_by.
    first_resolved_at        TIMESTAMPTZ,
    first_resolved_by        VARCHAR(255),
    -- The latest resolution's outcome (SOLVED, PARTIALLY_SOLVED, NOT_SOLVED, WITHDRAWN) and who gave it.
    outcome                  VARCHAR(30),
    last_resolved_by         VARCHAR(255),
    resolutions              INTEGER      NOT NULL DEFAULT 0,
    reopenings               INTEGER      NOT NULL DEFAULT 0,
    -- Interactions logged on the case, and of those the ones logged after its first resolution (re-contacts).
    interactions             INTEGER      NOT NULL DEFAULT 0,
    recontacts               INTEGER      NOT NULL DEFAULT 0,
    -- The latest survey: its score (1-5), credited to whoever resolved the resolution it follows, not to
    -- whoever typed it in.
    satisfaction_score       SMALLINT,
    satisfaction_credited_to VARCHAR(255),
    satisfaction_at          TIMESTAMPTZ,
    surveys                  INTEGER      NOT NULL DEFAULT 0,
    -- Bends on the case: every one asked for (granted at once or waiting), and where each stands now.
    bends_requested          INTEGER      NOT NULL DEFAULT 0,
    bends_granted            INTEGER      NOT NULL DEFAULT 0,
    bends_declined           INTEGER      NOT NULL DEFAULT 0,
    bends_pending            INTEGER      NOT NULL DEFAULT 0,
    -- The case's last applied event, for readers that want to know how fresh a row is.
    last_sequence            BIGINT       NOT NULL
);

CREATE INDEX case_fact_by_opened_at ON case_fact (opened_at, case_id);

-- Everyone who acted on a case (opened it, logged an interaction, asked for a bend, resolved or reopened it):
-- "cases an agent handled" and "cases an agent bent a rule on" per agent.
CREATE TABLE case_actor_fact (
    case_id         UUID         NOT NULL REFERENCES case_fact (case_id),
    actor_id        VARCHAR(255) NOT NULL,
    bends_requested INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, actor_id)
);

CREATE INDEX case_actor_fact_by_actor ON case_actor_fact (actor_id);

CREATE TABLE bend_fact (
    exception_id       UUID         PRIMARY KEY,
    case_id            UUID         NOT NULL REFERENCES case_fact (case_id),
    policy_code        VARCHAR(50)  NOT NULL,
    -- The policy version it was asked under.
    policy_version     INTEGER      NOT NULL,
    -- Unconstrained NUMERIC: an amount stored before Leeway had bounds is kept as it was (see within_bounds).
    deviation          NUMERIC      NOT NULL,
    deviation_unit     VARCHAR(10)  NOT NULL,
    value_amount       NUMERIC      NOT NULL,
    value_currency     CHAR(3)      NOT NULL,
    within_bounds      BOOLEAN      NOT NULL,
    reason_code        VARCHAR(50)  NOT NULL,
    -- PENDING, GRANTED or DECLINED; a grant's authority is OWN_LIMIT or APPROVED.
    status             VARCHAR(10)  NOT NULL,
    authority          VARCHAR(10),
    -- The lowest role whose limit covered the value when it was asked for; NULL when none's did.
    approver_role      VARCHAR(20),
    requested_by       VARCHAR(255) NOT NULL,
    -- The requester's roles when they asked (comma-separated, from the token): what a what-if replays with.
    requester_roles    VARCHAR(200) NOT NULL,
    -- Who granted (the requester for OWN_LIMIT) or declined it.
    decided_by         VARCHAR(255),
    review_verdict     VARCHAR(30),
    reviewed_by        VARCHAR(255),
    requested_at       TIMESTAMPTZ  NOT NULL,
    -- With requested_at and case_id, the order bends were asked in: a what-if replays them in it.
    requested_sequence BIGINT       NOT NULL,
    decided_at         TIMESTAMPTZ,
    reviewed_at        TIMESTAMPTZ
);

CREATE INDEX bend_fact_by_policy ON bend_fact (policy_code, requested_at, case_id, requested_sequence);
CREATE INDEX bend_fact_by_case ON bend_fact (case_id);
