-- A decision taken on a CRM deal finds the referrals the deal converted by the deal's id.
CREATE INDEX ix_conversion_external_ref ON conversion (external_ref);
