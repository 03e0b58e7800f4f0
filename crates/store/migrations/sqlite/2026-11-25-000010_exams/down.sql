PRAGMA defer_foreign_keys = ON;
DROP TABLE exam_bookings;
DROP TABLE exam_sessions;
DROP TABLE exam_examiners;
DROP TABLE exam_centre_kinds;
DROP TABLE exam_centres;
DROP TABLE exam_kind_moments;
DROP TABLE exam_kinds;

CREATE TEMP TABLE moments_rows AS SELECT * FROM moments;
DROP TABLE moments;
CREATE TABLE moments (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  template_id TEXT NOT NULL REFERENCES moment_templates(id),
  status TEXT NOT NULL CONSTRAINT moments_status_check CHECK (status IN ('awaiting_file', 'awaiting_review', 'approved', 'not_approved')),
  review_comment TEXT NOT NULL DEFAULT '' CONSTRAINT moments_review_comment_length CHECK (length(review_comment) <= 2000),
  created_at TIMESTAMP NOT NULL,
  created_by TEXT NOT NULL REFERENCES persons(id),
  updated_at TIMESTAMP NOT NULL,
  updated_by TEXT NOT NULL REFERENCES persons(id),
  awaiting_since TIMESTAMP,
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO moments SELECT * FROM moments_rows;
DROP TABLE moments_rows;
CREATE INDEX moments_case ON moments(case_id, status);
CREATE INDEX moments_queue ON moments(status, awaiting_since);
CREATE INDEX moments_queue_cases ON moments(status, case_id);

CREATE TEMP TABLE moment_templates_rows AS SELECT * FROM moment_templates;
DROP TABLE moment_templates;
CREATE TABLE moment_templates (
  id TEXT PRIMARY KEY NOT NULL,
  type_id TEXT NOT NULL REFERENCES certificate_types(id),
  code TEXT NOT NULL,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT moment_templates_kind_check CHECK (kind IN ('file', 'staff')),
  file_template TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  for_recertification BOOLEAN NOT NULL DEFAULT 0,
  UNIQUE (type_id, code)
);
INSERT INTO moment_templates SELECT * FROM moment_templates_rows;
DROP TABLE moment_templates_rows;
