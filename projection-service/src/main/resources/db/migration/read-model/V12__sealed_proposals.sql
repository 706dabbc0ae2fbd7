-- A rule-change proposal may tell of the customers whose bends it cites, so events store it sealed with a key
-- their erasure destroys (RuleChangeProposed revision 2). The read model keeps it as stored: the key's id and the
-- sealed text, opened by query-service while the key lives. Proposals stored before sealing keep their clear text
-- in "proposal" (it was in the clear in the events too).
ALTER TABLE rule_change_proposal ALTER COLUMN proposal DROP NOT NULL;
ALTER TABLE rule_change_proposal ADD COLUMN proposal_key_id VARCHAR(36);
ALTER TABLE rule_change_proposal ADD COLUMN proposal_sealed TEXT;
ALTER TABLE rule_change_proposal ADD CONSTRAINT proposal_clear_or_sealed
    CHECK ((proposal IS NULL) = (proposal_sealed IS NOT NULL AND proposal_key_id IS NOT NULL));
