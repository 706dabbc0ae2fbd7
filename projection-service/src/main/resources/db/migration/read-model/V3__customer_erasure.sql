-- Erased customers, with the position of their CustomerPrivacy events. Their personal text in the read models
-- reads "[erased]".
CREATE TABLE customer_erasure (
    customer_id   VARCHAR(100) PRIMARY KEY,
    last_sequence BIGINT       NOT NULL,
    erased_at     TIMESTAMPTZ  NOT NULL
);

CREATE INDEX case_summary_by_customer ON case_summary (customer_id);
