-- Rebuilds the tables without the length CHECKs, the same way up.sql added them (see
-- there, and 2026-11-25-000004_status_checks, why the rows go through temporary tables).
PRAGMA defer_foreign_keys = ON;

-- The rows the drops below would delete through ON DELETE CASCADE.
CREATE TEMP TABLE sessions_rows AS SELECT * FROM sessions;
CREATE TEMP TABLE email_tokens_rows AS SELECT * FROM email_tokens;
CREATE TEMP TABLE company_admins_rows AS SELECT * FROM company_admins;
CREATE TEMP TABLE limited_mails_rows AS SELECT * FROM limited_mails;

-- persons (and sessions, email_tokens and company_admins, which the drop empties through
-- ON DELETE CASCADE: they are kept above and put back at the end)
CREATE TEMP TABLE persons_rows AS SELECT * FROM persons;
DROP TABLE persons;
CREATE TABLE persons (
  id TEXT PRIMARY KEY NOT NULL,
  personnummer TEXT UNIQUE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  email_verified_at TIMESTAMP,
  password_hash TEXT,
  phone TEXT NOT NULL DEFAULT '',
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'sv',
  is_handlaggare BOOLEAN NOT NULL DEFAULT 0,
  is_beslutsfattare BOOLEAN NOT NULL DEFAULT 0,
  is_administrator BOOLEAN NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO persons SELECT * FROM persons_rows;
DROP TABLE persons_rows;

-- companies (company_admins, emptied by the drop too, are put back at the end)
CREATE TEMP TABLE companies_rows AS SELECT * FROM companies;
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

-- moment_reviews
CREATE TEMP TABLE moment_reviews_rows AS SELECT * FROM moment_reviews;
DROP TABLE moment_reviews;
CREATE TABLE moment_reviews (
  id TEXT PRIMARY KEY NOT NULL,
  moment_id TEXT NOT NULL REFERENCES moments(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  reviewer_id TEXT NOT NULL REFERENCES persons(id),
  approved BOOLEAN NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at TIMESTAMP NOT NULL
);
INSERT INTO moment_reviews SELECT * FROM moment_reviews_rows;
DROP TABLE moment_reviews_rows;
CREATE INDEX moment_reviews_case ON moment_reviews(case_id);

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

-- Put back what the cascades emptied. Emptied here too first, so that the rows put back
-- can never collide with ones left behind.
DELETE FROM sessions;
INSERT INTO sessions SELECT * FROM sessions_rows;
DROP TABLE sessions_rows;
DELETE FROM email_tokens;
INSERT INTO email_tokens SELECT * FROM email_tokens_rows;
DROP TABLE email_tokens_rows;
DELETE FROM company_admins;
INSERT INTO company_admins SELECT * FROM company_admins_rows;
DROP TABLE company_admins_rows;
DELETE FROM limited_mails;
INSERT INTO limited_mails SELECT * FROM limited_mails_rows;
DROP TABLE limited_mails_rows;
