-- Customers' keys for personal text in events. Destroying a key (key := NULL) forgets everything sealed with it,
-- without touching the events, their hashes or the checkpoints.
CREATE TABLE customer_key (
    key_id      VARCHAR(36)  PRIMARY KEY,
    customer_id VARCHAR(100) NOT NULL,
    key         BYTEA,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    erased_at   TIMESTAMPTZ,
    CONSTRAINT a_destroyed_key_is_gone CHECK ((key IS NULL) = (erased_at IS NOT NULL))
);

-- One live key per customer at a time.
CREATE UNIQUE INDEX customer_key_live ON customer_key (customer_id) WHERE key IS NOT NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${projection_role}') THEN
        CREATE ROLE ${projection_role} LOGIN PASSWORD '${projection_password}';
    END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE ON customer_key TO ${command_role};
-- Readers that are entitled to the clear text while the key lives: the read models and the audit API.
GRANT USAGE ON SCHEMA event_store TO ${projection_role};
GRANT SELECT ON customer_key TO ${projection_role}, ${query_role};
