-- The case's lifecycle on its summary row, and its bends, one row each. Both are written with the case's
-- last_sequence, in one transaction, so a bend row is never ahead of or behind its case.

ALTER TABLE case_summary
    ADD COLUMN severity           VARCHAR(20),
    ADD COLUMN failure_cause      VARCHAR(20),
    ADD COLUMN assignee           VARCHAR(255),
    ADD COLUMN outcome            VARCHAR(30),
    ADD COLUMN resolved_at        TIMESTAMPTZ,
    ADD COLUMN resolutions        INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN satisfaction_score SMALLINT;

CREATE TABLE case_bend (
    exception_id     UUID PRIMARY KEY,
    case_id          UUID           NOT NULL REFERENCES case_summary (case_id),
    policy_code      VARCHAR(50)    NOT NULL,
    policy_version   INTEGER        NOT NULL,
    deviation        NUMERIC(19, 4) NOT NULL,
    deviation_unit   VARCHAR(10)    NOT NULL,
    value_amount     NUMERIC(19, 4) NOT NULL,
    value_currency   CHAR(3)        NOT NULL,
    reason_code      VARCHAR(50)    NOT NULL,
    justification    TEXT           NOT NULL,
    status           VARCHAR(10)    NOT NULL,
    authority        VARCHAR(10),
    approver_role    VARCHAR(20),
    requested_by     VARCHAR(255)   NOT NULL,
    granted_by       VARCHAR(255),
    declined_by      VARCHAR(255),
    review_verdict   VARCHAR(30),
    reviewed_by      VARCHAR(255),
    requested_at     TIMESTAMPTZ    NOT NULL,
    decided_at       TIMESTAMPTZ,
    reviewed_at      TIMESTAMPTZ
);

CREATE INDEX case_bend_by_case ON case_bend (case_id, requested_at);
CREATE INDEX case_bend_pending ON case_bend (status) WHERE status = 'PENDING';
