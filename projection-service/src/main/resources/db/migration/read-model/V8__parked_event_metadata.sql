-- A parked event keeps its metadata (who acted), so that a replay gives the read model what the stream would have.
ALTER TABLE parked_event ADD COLUMN metadata TEXT;
