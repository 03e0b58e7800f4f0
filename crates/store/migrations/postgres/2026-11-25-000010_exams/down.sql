DROP TABLE exam_bookings;
DROP TABLE exam_sessions;
DROP TABLE exam_examiners;
DROP TABLE exam_centre_kinds;
DROP TABLE exam_centres;
DROP TABLE exam_kind_moments;
DROP TABLE exam_kinds;
ALTER TABLE moments DROP CONSTRAINT moments_status_check;
ALTER TABLE moments ADD CONSTRAINT moments_status_check
  CHECK (status IN ('awaiting_file', 'awaiting_review', 'approved', 'not_approved'));
ALTER TABLE moment_templates DROP CONSTRAINT moment_templates_kind_check;
ALTER TABLE moment_templates ADD CONSTRAINT moment_templates_kind_check
  CHECK (kind IN ('file', 'staff'));
