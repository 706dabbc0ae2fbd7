-- Auditors must not have to trust the application: history is append-only and tamper-evident in the
-- database itself.

-- 1. Append-only, for every role: rows of these tables are never updated or deleted, tables never truncated.
CREATE FUNCTION reject_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event_store.% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION reject_rewrite();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION reject_rewrite();

-- 2. A hash per event, chained to the previous event of the same aggregate:
--    hash = SHA-256(previous_hash || field(event_identifier) || field(aggregate_identifier)
--                   || field(sequence_number) || field(type) || field(payload_type) || field(payload_revision)
--                   || field(time_stamp) || field(payload) || field(meta_data))
--    with field(v) = "<UTF-8 byte length>:" v ";" (or "-1:;" for null), and 32 zero bytes before the first
--    event. dev.leeway.kernel.audit.EventHashing computes the same bytes; the verifier depends on it.
CREATE TABLE event_hash (
    global_index         BIGINT PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    previous_hash        BYTEA        NOT NULL,
    hash                 BYTEA        NOT NULL,
    CONSTRAINT event_hash_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);

CREATE FUNCTION hash_field(v TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v IS NULL THEN convert_to('-1:;', 'UTF8')
                ELSE convert_to(octet_length(convert_to(v, 'UTF8'))::text || ':', 'UTF8')
                     || convert_to(v, 'UTF8') || convert_to(';', 'UTF8') END
$$;

-- Runs in the appending transaction. The previous hash is the same aggregate's: concurrent appends to other
-- aggregates never wait for each other, and two appends to one aggregate already collide on its sequence.
CREATE FUNCTION chain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = event_store, pg_temp AS $$
DECLARE
    previous BYTEA;
BEGIN
    IF NEW.sequence_number = 0 THEN
        previous := decode(repeat('00', 32), 'hex');
    ELSE
        SELECT hash INTO previous FROM event_hash
        WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'event % of % has no predecessor in the hash chain',
                NEW.sequence_number, NEW.aggregate_identifier;
        END IF;
    END IF;
    INSERT INTO event_hash (global_index, event_identifier, aggregate_identifier, sequence_number, previous_hash, hash)
    VALUES (NEW.global_index, NEW.event_identifier, NEW.aggregate_identifier, NEW.sequence_number, previous,
            sha256(previous || hash_field(NEW.event_identifier) || hash_field(NEW.aggregate_identifier)
                   || hash_field(NEW.sequence_number::text) || hash_field(NEW.type) || hash_field(NEW.payload_type)
                   || hash_field(NEW.payload_revision) || hash_field(NEW.time_stamp) || hash_field(NEW.payload)
                   || hash_field(NEW.meta_data)));
    RETURN NULL;
END
$$;

CREATE TRIGGER chain AFTER INSERT ON domain_event_entry FOR EACH ROW EXECUTE FUNCTION chain_event();

-- Events stored before this migration get their hashes now, in their original order.
DO $$
DECLARE
    e domain_event_entry%ROWTYPE;
    previous BYTEA;
BEGIN
    FOR e IN SELECT * FROM domain_event_entry ORDER BY global_index LOOP
        IF e.sequence_number = 0 THEN
            previous := decode(repeat('00', 32), 'hex');
        ELSE
            SELECT hash INTO previous FROM event_hash
            WHERE aggregate_identifier = e.aggregate_identifier AND sequence_number = e.sequence_number - 1;
        END IF;
        INSERT INTO event_hash VALUES (e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number,
            previous, sha256(previous || hash_field(e.event_identifier) || hash_field(e.aggregate_identifier)
                   || hash_field(e.sequence_number::text) || hash_field(e.type) || hash_field(e.payload_type)
                   || hash_field(e.payload_revision) || hash_field(e.time_stamp) || hash_field(e.payload)
                   || hash_field(e.meta_data)));
    END LOOP;
END
$$;

-- 3. Checkpoints seal ranges of the global order: digest = SHA-256(previous_digest || field(from) || field(to)
--    || field(count) || the event hashes of the range in order). The latest digest is what an auditor keeps.
CREATE TABLE checkpoint (
    checkpoint_no     BIGINT PRIMARY KEY,
    from_global_index BIGINT      NOT NULL,
    to_global_index   BIGINT      NOT NULL,
    event_count       INTEGER     NOT NULL,
    previous_digest   BYTEA       NOT NULL,
    digest            BYTEA       NOT NULL UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- 4. Who read what in the audit API, and when.
CREATE TABLE audit_access_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    VARCHAR(255)  NOT NULL,
    actor_roles VARCHAR(255),
    resource    VARCHAR(2000) NOT NULL,
    accessed_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON event_hash FOR EACH ROW EXECUTE FUNCTION reject_rewrite();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON event_hash FOR EACH STATEMENT EXECUTE FUNCTION reject_rewrite();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON checkpoint FOR EACH ROW EXECUTE FUNCTION reject_rewrite();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON checkpoint FOR EACH STATEMENT EXECUTE FUNCTION reject_rewrite();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit_access_log FOR EACH ROW EXECUTE FUNCTION reject_rewrite();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON audit_access_log FOR EACH STATEMENT EXECUTE FUNCTION reject_rewrite();

-- 5. Grants. command-service appends and seals; query-service (the audit API) reads and logs its reads.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${query_role}') THEN
        CREATE ROLE ${query_role} LOGIN PASSWORD '${query_password}';
    END IF;
END
$$;

REVOKE ALL ON FUNCTION chain_event() FROM PUBLIC;
GRANT SELECT ON event_hash TO ${command_role};
GRANT SELECT ON checkpoint TO ${command_role};
GRANT USAGE ON SCHEMA event_store TO ${query_role};
GRANT SELECT ON domain_event_entry, event_hash, checkpoint TO ${query_role};
GRANT SELECT, INSERT ON audit_access_log TO ${query_role};

-- 6. Sealing a checkpoint. SHARE ROW EXCLUSIVE waits for appends in flight and holds new ones for the few
--    milliseconds this takes, so no lower position can commit after its range is sealed; sealers on several
--    replicas take turns. It is never taken on the write path itself.
CREATE FUNCTION seal_checkpoint(max_events INTEGER) RETURNS SETOF checkpoint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = event_store, pg_temp AS $$
DECLARE
    last_checkpoint checkpoint%ROWTYPE;
    from_index BIGINT;
    to_index BIGINT;
    sealed INTEGER;
    previous BYTEA;
    sealed_digest BYTEA;
BEGIN
    LOCK TABLE domain_event_entry IN SHARE ROW EXCLUSIVE MODE;
    SELECT * INTO last_checkpoint FROM checkpoint ORDER BY checkpoint_no DESC LIMIT 1;
    from_index := coalesce(last_checkpoint.to_global_index, 0) + 1;
    previous := coalesce(last_checkpoint.digest, decode(repeat('00', 32), 'hex'));
    SELECT max(global_index), count(*) INTO to_index, sealed
    FROM (SELECT global_index FROM event_hash WHERE global_index >= from_index
          ORDER BY global_index LIMIT max_events) range;
    IF sealed = 0 THEN
        RETURN;
    END IF;
    SELECT sha256(previous || hash_field(from_index::text) || hash_field(to_index::text) || hash_field(sealed::text)
                  || string_agg(hash, ''::bytea ORDER BY global_index))
    INTO sealed_digest
    FROM event_hash WHERE global_index BETWEEN from_index AND to_index;
    RETURN QUERY
        INSERT INTO checkpoint (checkpoint_no, from_global_index, to_global_index, event_count, previous_digest, digest)
        VALUES (coalesce(last_checkpoint.checkpoint_no, 0) + 1, from_index, to_index, sealed, previous, sealed_digest)
        RETURNING *;
END
$$;

REVOKE ALL ON FUNCTION seal_checkpoint(INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION seal_checkpoint(INTEGER) TO ${command_role};
