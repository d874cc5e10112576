-- A record's pending writes are sent together (CrmWriteOutbox.due looks them up per record).
CREATE INDEX ix_crm_write_record ON crm_write (crm, object_type, object_id, status, next_attempt_at);
-- Each inbox drain claims one source's due events, oldest first.
CREATE INDEX ix_inbox_source_status ON inbox_event (source, status, id);
