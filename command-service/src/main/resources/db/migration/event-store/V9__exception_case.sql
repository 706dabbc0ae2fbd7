-- Which case each bend belongs to, so that a rule-change proposal citing bends finds their customers (and seals
-- its text with a key their erasure destroys) before its policy's aggregate runs. Kept by the subscribing
-- "customer-keys" processor in the same transaction as the bend's first event; back-filled here from the events.
CREATE TABLE exception_case (
    exception_id VARCHAR(36)  PRIMARY KEY,
    case_id      VARCHAR(255) NOT NULL
);

-- A payload that is not JSON is skipped with a warning rather than failing the migration (as V6 does).
DO $$
DECLARE
    bend RECORD;
BEGIN
    FOR bend IN SELECT global_index, payload FROM domain_event_entry
                WHERE payload_type IN ('dev.leeway.kernel.cases.ExceptionRequested',
                                       'dev.leeway.kernel.cases.ExceptionGranted')
                ORDER BY global_index LOOP
        BEGIN
            INSERT INTO exception_case (exception_id, case_id)
            VALUES (bend.payload::jsonb ->> 'exceptionId', bend.payload::jsonb ->> 'caseId')
            ON CONFLICT DO NOTHING;
        EXCEPTION WHEN others THEN
            RAISE WARNING 'event % is not a readable bend: %', bend.global_index, SQLERRM;
        END;
    END LOOP;
END
$$;

GRANT SELECT, INSERT ON exception_case TO ${command_role};
