-- Personal data retention (H2 and PostgreSQL).

-- When an inbox payload was replaced by the empty marker, by the retention job or by an erasure. The row
-- itself stays: its (source, external_id) key is what makes a late redelivery a no-op.
ALTER TABLE inbox_event ADD COLUMN payload_scrubbed_at TIMESTAMP WITH TIME ZONE;
-- The retention job looks up payloads not yet scrubbed that are past the retention age; without this index it
-- would walk every row it had already scrubbed, on every run, for as long as the table grows.
CREATE INDEX ix_inbox_unscrubbed ON inbox_event (payload_scrubbed_at, received_at);

-- Clicks older than the attribution window are deleted by age.
CREATE INDEX ix_click_time ON referral_click (clicked_at);
