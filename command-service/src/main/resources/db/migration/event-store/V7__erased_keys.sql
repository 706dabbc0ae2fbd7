-- The keys each erasure destroyed, written in the erasure's own transaction: the key vault (a database of its own,
-- see db/migration/key-vault) is told after the event commits, and told again at every start-up and every few
-- minutes, so a crash between the two or a restored backup of the vault cannot bring an erased key back.
CREATE TABLE erased_key (
    key_id      VARCHAR(36)  PRIMARY KEY,
    customer_id VARCHAR(100) NOT NULL,
    erased_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON erased_key TO ${command_role};
