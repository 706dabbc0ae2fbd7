-- A rebuild swaps every row of a read model at once, then renews the planner's statistics of its tables
-- (ShadowTables.swap), so that the first queries after it are not planned on the old rows' statistics. ANALYZE
-- needs the table's owner or, from PostgreSQL 17 on, the MAINTAIN privilege, which the projection role gets
-- here. On an older server it is not granted: ANALYZE then skips the table with a warning and autovacuum renews
-- the statistics a little later, as it always did.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE 'GRANT MAINTAIN ON ALL TABLES IN SCHEMA read_model TO ${projection_role}';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT MAINTAIN ON TABLES TO ${projection_role}';
    END IF;
END
$$;
