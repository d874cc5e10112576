-- Who disabled or enabled an advocate by hand, when and why: shown next to the advocate's state in the console.
ALTER TABLE advocate ADD COLUMN status_changed_by VARCHAR(320);
ALTER TABLE advocate ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE advocate ADD COLUMN status_reason VARCHAR(1000);
