-- Rebuilds build a read model's tables here, beside the live ones, from the event store; then compare them with
-- the live tables and copy them over in one transaction. Queries (read_model only) never see them.
CREATE SCHEMA IF NOT EXISTS read_model_shadow;
GRANT USAGE, CREATE ON SCHEMA read_model_shadow TO ${projection_role};
