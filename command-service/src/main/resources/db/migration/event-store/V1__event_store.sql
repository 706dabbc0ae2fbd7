-- The Axon event store, owned by the migration role. The service itself connects as ${command_role},
-- which may append and read events but never change or delete them.

CREATE TABLE domain_event_entry (
    -- Increment 1, cache 1: the global order stays (nearly) gap-free, which keeps Axon's gap-aware
    -- tracking tokens small. Only a rolled-back append leaves a hole.
    global_index         BIGINT GENERATED ALWAYS AS IDENTITY (INCREMENT BY 1 CACHE 1) PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    -- ISO-8601 instant, as Axon's JDBC engine writes it.
    time_stamp           VARCHAR(64)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    -- JSON text, readable with psql (payload::jsonb), hashed byte for byte later on.
    payload              TEXT         NOT NULL,
    meta_data            TEXT,
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    time_stamp           VARCHAR(64)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              TEXT         NOT NULL,
    meta_data            TEXT,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- Positions of the command side's own event processors (the Kafka publisher).
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          TEXT,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${command_role}') THEN
        CREATE ROLE ${command_role} LOGIN PASSWORD '${command_password}';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA event_store TO ${command_role};
GRANT SELECT, INSERT ON domain_event_entry TO ${command_role};
-- Axon replaces an aggregate's older snapshots when it stores a newer one.
GRANT SELECT, INSERT, DELETE ON snapshot_event_entry TO ${command_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON token_entry TO ${command_role};
