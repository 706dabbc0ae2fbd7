-- Write-side lookups, each updated in the same transaction as the events it depends on.

-- The rulebook in force: one row per policy, kept by the subscribing "rulebook" processor.
CREATE TABLE policy_current (
    policy_code VARCHAR(50) PRIMARY KEY,
    version     INTEGER     NOT NULL,
    terms       TEXT        NOT NULL,
    retired     BOOLEAN     NOT NULL
);

-- Own-authority value given per person, policy and month (YYYY-MM), checked and raised in one UPDATE.
CREATE TABLE own_authority_usage (
    actor_id    VARCHAR(255)   NOT NULL,
    policy_code VARCHAR(50)    NOT NULL,
    month       CHAR(7)        NOT NULL,
    currency    CHAR(3)        NOT NULL,
    used        NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (actor_id, policy_code, month, currency)
);

-- First answers to requests sent with an Idempotency-Key, per actor, committed with the request's events.
CREATE TABLE idempotency_key (
    actor_id          VARCHAR(255) NOT NULL,
    idempotency_key   VARCHAR(200) NOT NULL,
    request_hash      CHAR(64)     NOT NULL,
    response_status   INTEGER      NOT NULL,
    response_body     TEXT,
    response_location VARCHAR(500),
    response_etag     VARCHAR(100),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (actor_id, idempotency_key)
);

GRANT SELECT, INSERT, UPDATE ON policy_current TO ${command_role};
GRANT SELECT, INSERT, UPDATE ON own_authority_usage TO ${command_role};
GRANT SELECT, INSERT ON idempotency_key TO ${command_role};
