-- The scheme catalogue (loaded from catalog/ on first start) and the certification cases.
CREATE TABLE areas (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE commitment_texts (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  text_sv TEXT NOT NULL,
  text_en TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  UNIQUE (code, version)
);

CREATE TABLE certificate_types (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL UNIQUE,
  area_id TEXT NOT NULL REFERENCES areas(id),
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  subject TEXT NOT NULL,
  is_external BOOLEAN NOT NULL,
  fee_sek INTEGER NOT NULL,
  annual_renewal BOOLEAN NOT NULL,
  recertification_years INTEGER NOT NULL,
  validity_years INTEGER NOT NULL,
  qualifies_company BOOLEAN NOT NULL,
  commitment_code TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE moment_templates (
  id TEXT PRIMARY KEY NOT NULL,
  type_id TEXT NOT NULL REFERENCES certificate_types(id),
  code TEXT NOT NULL,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  file_template TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (type_id, code)
);

CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  number BIGINT NOT NULL UNIQUE,
  person_id TEXT NOT NULL REFERENCES persons(id),
  type_id TEXT NOT NULL REFERENCES certificate_types(id),
  status TEXT NOT NULL,
  certificate_number TEXT UNIQUE,
  issued_on DATE,
  valid_until DATE,
  latest_decision_on DATE,
  annual_renewal_on DATE,
  recertification_on DATE,
  external_body TEXT NOT NULL DEFAULT '',
  external_country TEXT NOT NULL DEFAULT '',
  external_number TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_status ON cases(status, updated_at);
-- One open case per person and type.
CREATE UNIQUE INDEX cases_one_open ON cases(person_id, type_id) WHERE status = 'in_progress';

CREATE TABLE moments (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  template_id TEXT NOT NULL REFERENCES moment_templates(id),
  status TEXT NOT NULL,
  review_comment TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  created_by TEXT NOT NULL REFERENCES persons(id),
  updated_at TIMESTAMP NOT NULL,
  updated_by TEXT NOT NULL REFERENCES persons(id),
  awaiting_since TIMESTAMP,
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX moments_case ON moments(case_id);
CREATE INDEX moments_queue ON moments(status, awaiting_since);

-- Every review ever made, so separation of duties sees past reviewers too.
CREATE TABLE moment_reviews (
  id TEXT PRIMARY KEY NOT NULL,
  moment_id TEXT NOT NULL REFERENCES moments(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  reviewer_id TEXT NOT NULL REFERENCES persons(id),
  approved BOOLEAN NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at TIMESTAMP NOT NULL
);
CREATE INDEX moment_reviews_case ON moment_reviews(case_id);

-- Every uploaded version; never overwritten.
CREATE TABLE files (
  id TEXT PRIMARY KEY NOT NULL,
  moment_id TEXT NOT NULL REFERENCES moments(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  uploaded_by TEXT NOT NULL REFERENCES persons(id),
  uploaded_at TIMESTAMP NOT NULL,
  original_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  storage_key TEXT NOT NULL
);
CREATE INDEX files_moment ON files(moment_id, uploaded_at);

CREATE TABLE attestations (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
  person_id TEXT NOT NULL REFERENCES persons(id),
  commitment_id TEXT NOT NULL REFERENCES commitment_texts(id),
  answer TEXT NOT NULL,
  at TIMESTAMP NOT NULL
);

CREATE TABLE invoice_recipients (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  company_id TEXT REFERENCES companies(id),
  name TEXT NOT NULL DEFAULT '',
  address_line1 TEXT NOT NULL,
  address_line2 TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  updated_at TIMESTAMP NOT NULL,
  updated_by TEXT NOT NULL REFERENCES persons(id)
);

CREATE TABLE decisions (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  decided_by TEXT NOT NULL REFERENCES persons(id),
  decided_at TIMESTAMP NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decisions_case ON decisions(case_id);

INSERT INTO counters (name, value) VALUES ('case', 0);
INSERT INTO counters (name, value) VALUES ('certificate', 0);
