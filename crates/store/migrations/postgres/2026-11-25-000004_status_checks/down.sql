ALTER TABLE companies DROP CONSTRAINT companies_certificate_status_check;
ALTER TABLE employments DROP CONSTRAINT employments_status_check;
ALTER TABLE decisions DROP CONSTRAINT decisions_kind_check;
ALTER TABLE invoice_recipients DROP CONSTRAINT invoice_recipients_kind_check;
ALTER TABLE moments DROP CONSTRAINT moments_status_check;
ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE moment_templates DROP CONSTRAINT moment_templates_kind_check;
ALTER TABLE certificate_types DROP CONSTRAINT certificate_types_subject_check;
