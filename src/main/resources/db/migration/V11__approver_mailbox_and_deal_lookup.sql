-- A decision taken on a CRM deal finds the referrals the deal converted by the deal's id.
CREATE INDEX ix_conversion_external_ref ON conversion (external_ref);

-- The approver's mailbox: one person approving under two names (a console username, and their email when they
-- sign in with OpenID Connect or decide in a CRM) is one approver.
ALTER TABLE reward_approval ADD COLUMN approver_mailbox VARCHAR(320);
