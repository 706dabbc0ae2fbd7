-- Customers' keys for personal text in events, in a database of their own (the key vault), never in the event
-- store's: a backup or copy of the event store holds sealed text and no key to open it, and destroying a key here
-- (key := NULL) forgets everything sealed with it, without touching the events, their hashes or the checkpoints.
-- A restored backup of this database would bring destroyed keys back: command-service destroys again every key
-- the event store's erasures name (event_store.erased_key) at start-up and every few minutes.
-- A customer's own key names them; a shared key (customer_id NULL) seals a text that may tell of several
-- customers (a rule-change proposal citing their bends): it is destroyed with the keys of any of its subjects.
CREATE TABLE customer_key (
    key_id      VARCHAR(36)  PRIMARY KEY,
    customer_id VARCHAR(100),
    key         BYTEA,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    erased_at   TIMESTAMPTZ,
    CONSTRAINT a_destroyed_key_is_gone CHECK ((key IS NULL) = (erased_at IS NOT NULL))
);

-- One live key per customer at a time.
CREATE UNIQUE INDEX customer_key_live ON customer_key (customer_id) WHERE key IS NOT NULL;

CREATE TABLE shared_key_subject (
    key_id      VARCHAR(36)  NOT NULL REFERENCES customer_key (key_id),
    customer_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (customer_id, key_id)
);

-- The vault may live on another server than the event store: its roles are made here too when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${command_role}') THEN
        CREATE ROLE ${command_role} LOGIN PASSWORD '${command_password}';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${projection_role}') THEN
        CREATE ROLE ${projection_role} LOGIN PASSWORD '${projection_password}';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${query_role}') THEN
        CREATE ROLE ${query_role} LOGIN PASSWORD '${query_password}';
    END IF;
END
$$;

REVOKE ALL ON customer_key, shared_key_subject FROM PUBLIC;
GRANT USAGE ON SCHEMA key_vault TO ${command_role}, ${projection_role}, ${query_role};
-- command-service makes keys and destroys them.
GRANT SELECT, INSERT, UPDATE ON customer_key TO ${command_role};
GRANT SELECT, INSERT ON shared_key_subject TO ${command_role};

-- Readers entitled to the clear text while the key lives (the read models and the audit API) get one live key
-- by its id, the id a sealed text names; they cannot list the table, nor see a destroyed key's row.
CREATE FUNCTION live_key(wanted VARCHAR) RETURNS BYTEA
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = key_vault, pg_temp
AS $$
    SELECT key FROM key_vault.customer_key WHERE key_id = wanted AND key IS NOT NULL
$$;
REVOKE ALL ON FUNCTION live_key(VARCHAR) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION live_key(VARCHAR) TO ${projection_role}, ${query_role};
