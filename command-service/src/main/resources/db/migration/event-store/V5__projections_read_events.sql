-- projection-service reads the event store itself: to fill a gap in an aggregate's sequence with the events
-- Kafka did not deliver, and to rebuild a read model from the whole history (Kafka's retention is finite).
GRANT SELECT ON domain_event_entry TO ${projection_role};
