-- The to-do inbox filters wf_instance by (doc_type, state) pairs and sorts by updated_at:
-- with updated_at in the index, a province-scale inbox page is read in order without a sort.
CREATE INDEX wf_instance_inbox ON wf_instance (doc_type, state, updated_at);
