-- Claims read the index on (source, status, id) in order and stop after one batch, whatever the number of
-- processed rows (Inbox.claim). The index on (status, id) goes: H2 chose it for the claim's update by id,
-- scanning every row of a status instead of one primary-key lookup. Its place is taken by (status, processed_at),
-- which serves what looks at one status (failed events, metrics) and the retention of processed rows by age.
DROP INDEX ix_inbox_status;
CREATE INDEX ix_inbox_status_processed ON inbox_event (status, processed_at);
-- Sent CRM writes are deleted by age (CrmWriteRetention).
CREATE INDEX ix_crm_write_sent ON crm_write (status, sent_at);
