-- The rulebook on the read side (projection "policies", from the Policy aggregate's events): each policy's terms
-- in force, every version, and the rule-change proposals. query-service serves them (GET /policies...).
-- Amounts that an earlier version stored beyond today's bounds (Money.withinBounds() false; some beyond what
-- NUMERIC(19, 4) holds) are written as NULL with within_bounds false: such an event never stops the projection.
-- Tables are named unqualified: the search path picks the live schema, or a rebuild's shadow one. V1's default
-- privileges give the projection role write access and the query role SELECT.

CREATE TABLE policy (
    policy_code       VARCHAR(50)    PRIMARY KEY,
    version           INTEGER        NOT NULL,
    title             TEXT           NOT NULL,
    purpose           TEXT           NOT NULL,
    kind              VARCHAR(20)    NOT NULL,
    unit              VARCHAR(20)    NOT NULL,
    currency          CHAR(3)        NOT NULL,
    monthly_budget    NUMERIC(19, 4),
    -- false when the budget or a limit is beyond the bounds (then NULL): nothing can be bent under these terms.
    within_bounds     BOOLEAN        NOT NULL,
    retired           BOOLEAN        NOT NULL DEFAULT false,
    retired_at        TIMESTAMPTZ,
    retired_by        TEXT,
    retirement_reason TEXT,
    defined_at        TIMESTAMPTZ    NOT NULL,
    updated_at        TIMESTAMPTZ    NOT NULL
);

-- The own-authority limits in force, one row per role that has one.
CREATE TABLE policy_limit (
    policy_code VARCHAR(50)    NOT NULL,
    role        VARCHAR(20)    NOT NULL,
    amount      NUMERIC(19, 4),
    PRIMARY KEY (policy_code, role)
);

-- Every version: version 1 from PolicyDefined, each later one from a PolicyRevised.
CREATE TABLE policy_version (
    policy_code              VARCHAR(50)    NOT NULL,
    version                  INTEGER        NOT NULL,
    title                    TEXT           NOT NULL,
    purpose                  TEXT           NOT NULL,
    kind                     VARCHAR(20)    NOT NULL,
    unit                     VARCHAR(20)    NOT NULL,
    currency                 CHAR(3)        NOT NULL,
    -- {"AGENT": 150.00, "SUPERVISOR": null}: null where the amount is beyond the bounds.
    own_authority_limits     JSONB          NOT NULL,
    monthly_budget           NUMERIC(19, 4),
    within_bounds            BOOLEAN        NOT NULL,
    -- Empty for version 1.
    changed_terms            TEXT[]         NOT NULL,
    proposal_id              UUID,
    motivating_exception_ids UUID[]         NOT NULL,
    -- The actor from the event's metadata; NULL where it was not recorded.
    changed_by               TEXT,
    changed_at               TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (policy_code, version)
);

CREATE TABLE rule_change_proposal (
    proposal_id         UUID           PRIMARY KEY,
    policy_code         VARCHAR(50)    NOT NULL,
    -- The version in force when it was proposed.
    policy_version      INTEGER,
    proposal            TEXT           NOT NULL,
    cited_exception_ids UUID[]         NOT NULL,
    proposed_by         TEXT,
    proposed_at         TIMESTAMPTZ    NOT NULL,
    -- The version whose revision names this proposal, once one does.
    adopted_in_version  INTEGER
);

CREATE INDEX rule_change_proposal_by_policy ON rule_change_proposal (policy_code, proposed_at, proposal_id);
