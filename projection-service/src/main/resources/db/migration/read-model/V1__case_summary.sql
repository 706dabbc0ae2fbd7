-- Read models, owned by the migration role. projection-service writes them as ${projection_role};
-- query-service reads them as ${query_role}, which can do nothing else.

CREATE TABLE case_summary (
    case_id       UUID PRIMARY KEY,
    customer_id   VARCHAR(100) NOT NULL,
    channel       VARCHAR(20)  NOT NULL,
    subject       TEXT         NOT NULL,
    description   TEXT,
    status        VARCHAR(20)  NOT NULL,
    opened_at     TIMESTAMPTZ  NOT NULL,
    last_event_at TIMESTAMPTZ  NOT NULL,
    -- The case's last applied event, committed with the row: a redelivered event is recognised by it.
    last_sequence BIGINT       NOT NULL
);

CREATE INDEX case_summary_by_status ON case_summary (status, opened_at DESC, case_id);

-- Gaps found in an aggregate's sequence: each one is an event held back, waiting for the missing ones.
CREATE TABLE sequence_gap (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_type    VARCHAR(100) NOT NULL,
    aggregate_id      VARCHAR(255) NOT NULL,
    expected_sequence BIGINT       NOT NULL,
    received_sequence BIGINT       NOT NULL,
    event_id          VARCHAR(255) NOT NULL,
    detected_at       TIMESTAMPTZ  NOT NULL
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${projection_role}') THEN
        CREATE ROLE ${projection_role} LOGIN PASSWORD '${projection_password}';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${query_role}') THEN
        CREATE ROLE ${query_role} LOGIN PASSWORD '${query_password}';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA read_model TO ${projection_role}, ${query_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA read_model TO ${projection_role};
GRANT SELECT ON ALL TABLES IN SCHEMA read_model TO ${query_role};
-- Tables added by later migrations get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${projection_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT ON TABLES TO ${query_role};
