-- Every status and fixed-kind column accepts only the codes the portal uses, so a typo in
-- code or a hand-made UPDATE cannot leave a row that no page knows how to show.
--
-- SQLite cannot add a CHECK to an existing table, so each table is rebuilt: its rows are
-- kept in a temporary table, the table is dropped and created again with the same columns
-- in the same order (crates/store/src/schema.rs depends on it), the same defaults and
-- foreign keys and the CHECK, its rows are put back and its indexes created again.
--
-- Diesel runs this in a transaction, where PRAGMA foreign_keys cannot change. Dropping a
-- table that other rows reference is then a foreign-key violation; deferring the checks to
-- the commit lets it through, and putting the rows back resolves the violation (the commit
-- fails if anything is left dangling). The rebuild does not rename a new table into place:
-- a rename is not a re-insert, so the deferred violations would stay counted.
--
-- With foreign keys on, DROP TABLE first deletes every row, and that runs ON DELETE
-- actions: dropping companies would cascade to company_admins, so those rows are kept
-- and put back as well.
PRAGMA defer_foreign_keys = ON;

-- certificate_types
CREATE TEMP TABLE certificate_types_rows AS SELECT * FROM certificate_types;
DROP TABLE certificate_types;
CREATE TABLE certificate_types (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL UNIQUE,
  area_id TEXT NOT NULL REFERENCES areas(id),
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  subject TEXT NOT NULL CONSTRAINT certificate_types_subject_check CHECK (subject IN ('person', 'company')),
  is_external BOOLEAN NOT NULL,
  fee_sek INTEGER NOT NULL,
  annual_renewal BOOLEAN NOT NULL,
  recertification_years INTEGER NOT NULL,
  validity_years INTEGER NOT NULL,
  qualifies_company BOOLEAN NOT NULL,
  commitment_code TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO certificate_types SELECT * FROM certificate_types_rows;
DROP TABLE certificate_types_rows;

-- moment_templates
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
  UNIQUE (type_id, code)
);
INSERT INTO moment_templates SELECT * FROM moment_templates_rows;
DROP TABLE moment_templates_rows;

-- cases
CREATE TEMP TABLE cases_rows AS SELECT * FROM cases;
DROP TABLE cases;
CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  number BIGINT NOT NULL UNIQUE,
  person_id TEXT NOT NULL REFERENCES persons(id),
  type_id TEXT NOT NULL REFERENCES certificate_types(id),
  status TEXT NOT NULL CONSTRAINT cases_status_check CHECK (status IN ('in_progress', 'active', 'rejected', 'expired')),
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
INSERT INTO cases SELECT * FROM cases_rows;
DROP TABLE cases_rows;
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_status ON cases(status, updated_at);
-- One open case per person and type.
CREATE UNIQUE INDEX cases_one_open ON cases(person_id, type_id) WHERE status = 'in_progress';

-- moments
CREATE TEMP TABLE moments_rows AS SELECT * FROM moments;
DROP TABLE moments;
CREATE TABLE moments (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  template_id TEXT NOT NULL REFERENCES moment_templates(id),
  status TEXT NOT NULL CONSTRAINT moments_status_check CHECK (status IN ('awaiting_file', 'awaiting_review', 'approved', 'not_approved')),
  review_comment TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  created_by TEXT NOT NULL REFERENCES persons(id),
  updated_at TIMESTAMP NOT NULL,
  updated_by TEXT NOT NULL REFERENCES persons(id),
  awaiting_since TIMESTAMP,
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO moments SELECT * FROM moments_rows;
DROP TABLE moments_rows;
CREATE INDEX moments_case ON moments(case_id);
CREATE INDEX moments_queue ON moments(status, awaiting_since);

-- invoice_recipients
CREATE TEMP TABLE invoice_recipients_rows AS SELECT * FROM invoice_recipients;
DROP TABLE invoice_recipients;
CREATE TABLE invoice_recipients (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CONSTRAINT invoice_recipients_kind_check CHECK (kind IN ('company', 'personal', 'alternative')),
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
INSERT INTO invoice_recipients SELECT * FROM invoice_recipients_rows;
DROP TABLE invoice_recipients_rows;

-- decisions
CREATE TEMP TABLE decisions_rows AS SELECT * FROM decisions;
DROP TABLE decisions;
CREATE TABLE decisions (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CONSTRAINT decisions_kind_check CHECK (kind IN ('issue', 'reject')),
  decided_by TEXT NOT NULL REFERENCES persons(id),
  decided_at TIMESTAMP NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO decisions SELECT * FROM decisions_rows;
DROP TABLE decisions_rows;
CREATE INDEX decisions_case ON decisions(case_id);

-- employments
CREATE TEMP TABLE employments_rows AS SELECT * FROM employments;
DROP TABLE employments;
CREATE TABLE employments (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  status TEXT NOT NULL CONSTRAINT employments_status_check CHECK (status IN ('pending', 'confirmed', 'rejected', 'ended')),
  start_date DATE NOT NULL,
  end_date DATE,
  requested_at TIMESTAMP NOT NULL,
  decided_at TIMESTAMP,
  decided_by TEXT REFERENCES persons(id),
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO employments SELECT * FROM employments_rows;
DROP TABLE employments_rows;
CREATE INDEX employments_person ON employments(person_id);
CREATE INDEX employments_company ON employments(company_id, status);
-- One open (waiting or confirmed) employment per person and company.
CREATE UNIQUE INDEX employments_one_open ON employments(person_id, company_id) WHERE status IN ('pending', 'confirmed');

-- companies (and company_admins, which the drop empties through ON DELETE CASCADE)
-- none: never had a qualifying employee; active; at_risk: the last one went.
CREATE TEMP TABLE companies_rows AS SELECT * FROM companies;
CREATE TEMP TABLE company_admins_rows AS SELECT * FROM company_admins;
DROP TABLE companies;
CREATE TABLE companies (
  id TEXT PRIMARY KEY NOT NULL,
  orgnr TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  invoice_address_line1 TEXT NOT NULL DEFAULT '',
  invoice_address_line2 TEXT NOT NULL DEFAULT '',
  invoice_postal_code TEXT NOT NULL DEFAULT '',
  invoice_city TEXT NOT NULL DEFAULT '',
  invoice_country TEXT NOT NULL DEFAULT '',
  invoice_email TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  certificate_status TEXT NOT NULL DEFAULT 'none' CONSTRAINT companies_certificate_status_check CHECK (certificate_status IN ('none', 'active', 'at_risk')),
  certificate_status_since TIMESTAMP
);
INSERT INTO companies SELECT * FROM companies_rows;
DROP TABLE companies_rows;
-- Already empty through the cascade; emptied here too so that the rows put back can
-- never collide with ones left behind.
DELETE FROM company_admins;
INSERT INTO company_admins SELECT * FROM company_admins_rows;
DROP TABLE company_admins_rows;
