-- Every status and fixed-kind column accepts only the codes the portal uses, so a typo in
-- code or a hand-made UPDATE cannot leave a row that no page knows how to show.
ALTER TABLE certificate_types ADD CONSTRAINT certificate_types_subject_check
  CHECK (subject IN ('person', 'company'));
ALTER TABLE moment_templates ADD CONSTRAINT moment_templates_kind_check
  CHECK (kind IN ('file', 'staff'));
ALTER TABLE cases ADD CONSTRAINT cases_status_check
  CHECK (status IN ('in_progress', 'active', 'rejected', 'expired'));
ALTER TABLE moments ADD CONSTRAINT moments_status_check
  CHECK (status IN ('awaiting_file', 'awaiting_review', 'approved', 'not_approved'));
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_kind_check
  CHECK (kind IN ('company', 'personal', 'alternative'));
ALTER TABLE decisions ADD CONSTRAINT decisions_kind_check
  CHECK (kind IN ('issue', 'reject'));
ALTER TABLE employments ADD CONSTRAINT employments_status_check
  CHECK (status IN ('pending', 'confirmed', 'rejected', 'ended'));
ALTER TABLE companies ADD CONSTRAINT companies_certificate_status_check
  CHECK (certificate_status IN ('none', 'active', 'at_risk'));
