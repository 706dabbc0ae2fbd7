-- Events that could not be applied to a read model (a payload that cannot be read, a row the database refuses).
-- Each is parked here, in the batch's transaction, instead of stopping the stream for every aggregate. Once an
-- aggregate has a parked event, its later events are parked behind it rather than applied out of order, so the
-- presence of rows for an aggregate is the marker that its read model is stale (query-service reads this table
-- through V1's default SELECT grant; projection-service writes it through V1's default write grant).
CREATE TABLE parked_event (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_type  VARCHAR(255)  NOT NULL,
    aggregate_id    VARCHAR(255)  NOT NULL,
    sequence        BIGINT        NOT NULL,
    event_id        VARCHAR(255)  NOT NULL,
    event_type      VARCHAR(255)  NOT NULL,
    revision        VARCHAR(255),
    event_timestamp TIMESTAMPTZ   NOT NULL,
    -- As received, byte for byte: replayed from here after a fix. It may hold (sealed) personal data, so it is
    -- never logged, and erasing a customer's key makes its sealed text unreadable here as everywhere else.
    payload         BYTEA,
    kafka_topic     VARCHAR(255)  NOT NULL,
    kafka_partition INTEGER       NOT NULL,
    kafka_offset    BIGINT        NOT NULL,
    -- The parked event this one waits behind; NULL for the event that failed (the aggregate's blocker).
    waiting_behind  BIGINT,
    -- Why: exception class and message, or what it waits behind; never a stack trace.
    reason          VARCHAR(1000) NOT NULL,
    parked_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- A redelivered event is parked once; the index also answers "is this aggregate parked?".
    CONSTRAINT parked_event_once UNIQUE (aggregate_id, aggregate_type, sequence)
);
