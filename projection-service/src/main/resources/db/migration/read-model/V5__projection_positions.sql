-- Each read model keeps its own position: per projection and aggregate, the last sequence it applied,
-- written in the same transaction as its rows. (Before, the position sat on each projection's own row.)
-- Projections write their tables unqualified; this table too, so that a rebuild's shadow schema has its own.
CREATE TABLE projection_position (
    projection     VARCHAR(100) NOT NULL,
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_id   VARCHAR(255) NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    PRIMARY KEY (projection, aggregate_type, aggregate_id)
);

INSERT INTO projection_position (projection, aggregate_type, aggregate_id, last_sequence)
SELECT 'case_summary', 'Case', case_id::text, last_sequence FROM case_summary;

-- Erasure is applied by each projection to its own rows now: the case summary's position over a customer's
-- CustomerPrivacy events replaces the separate erasure projection and its table.
INSERT INTO projection_position (projection, aggregate_type, aggregate_id, last_sequence)
SELECT 'case_summary', 'CustomerPrivacy', customer_id, last_sequence FROM customer_erasure;

DROP TABLE customer_erasure;

-- A gap is filled from the event store now, or the event is parked with the reason: no more held-back rows.
DROP TABLE sequence_gap;

-- Parked events belong to the projection that could not apply them: another read model of the same aggregate
-- may have applied the same event.
ALTER TABLE parked_event ADD COLUMN projection VARCHAR(100) NOT NULL DEFAULT 'case_summary';
ALTER TABLE parked_event ALTER COLUMN projection DROP DEFAULT;
ALTER TABLE parked_event DROP CONSTRAINT parked_event_once;
ALTER TABLE parked_event ADD CONSTRAINT parked_event_once UNIQUE (projection, aggregate_type, aggregate_id, sequence);
