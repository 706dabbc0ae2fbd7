-- Which customer each case belongs to, so that a command to a case finds the customer's key before the case's
-- aggregate runs (its handlers do no I/O). Kept by the subscribing "customer-keys" processor in the same
-- transaction as the CaseOpened event; it follows from the events alone, as the back-fill below shows.
CREATE TABLE case_customer (
    case_id     VARCHAR(255) PRIMARY KEY,
    customer_id VARCHAR(100) NOT NULL
);

-- A payload that is not JSON (it cannot have been written by Leeway) is skipped with a warning rather than
-- failing the migration; a command to that case would not decode it either.
DO $$
DECLARE
    opened RECORD;
BEGIN
    FOR opened IN SELECT global_index, payload FROM domain_event_entry
                  WHERE payload_type = 'dev.leeway.kernel.cases.CaseOpened' ORDER BY global_index LOOP
        BEGIN
            INSERT INTO case_customer (case_id, customer_id)
            VALUES (opened.payload::jsonb ->> 'caseId', opened.payload::jsonb ->> 'customerId')
            ON CONFLICT DO NOTHING;
        EXCEPTION WHEN others THEN
            RAISE WARNING 'event % is not a readable CaseOpened: %', opened.global_index, SQLERRM;
        END;
    END LOOP;
END
$$;

GRANT SELECT, INSERT ON case_customer TO ${command_role};
