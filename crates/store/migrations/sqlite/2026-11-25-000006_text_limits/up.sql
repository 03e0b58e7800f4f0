-- Every text a person types has a length limit, here as in the forms (crates/domain's
-- text module holds the numbers): a name, an address line or a reference, a company's name,
-- a staff comment or a decision's reason. Each CHECK is named <table>_<column>_length.
-- Before, «Administration»'s company form stored a 10 000-character name.
--
-- SQLite cannot add a CHECK to an existing table, so each table is rebuilt as
-- 2026-11-25-000004_status_checks does (see there why the rows go through temporary tables
-- and why foreign keys are deferred): same columns in the same order (crates/store/src/
-- schema.rs depends on it), same defaults, foreign keys and CHECKs, the length CHECKs
-- added, the rows put back and the indexes created again.
--
-- Dropping persons and companies runs their ON DELETE CASCADE actions: sessions,
-- email_tokens, company_admins and limited_mails are emptied by it, so their rows are kept first and
-- put back last. A later table that references persons or companies ON DELETE CASCADE
-- would have to be kept the same way.
PRAGMA defer_foreign_keys = ON;

-- The rows the drops below would delete through ON DELETE CASCADE.
CREATE TEMP TABLE sessions_rows AS SELECT * FROM sessions;
CREATE TEMP TABLE email_tokens_rows AS SELECT * FROM email_tokens;
CREATE TEMP TABLE company_admins_rows AS SELECT * FROM company_admins;
CREATE TEMP TABLE limited_mails_rows AS SELECT * FROM limited_mails;

-- Values longer than the limits (the company form had none) are cut to them, so that
-- the upgrade does not stop on them.
UPDATE persons SET first_name = substr(first_name, 1, 100) WHERE length(first_name) > 100;
UPDATE persons SET last_name = substr(last_name, 1, 100) WHERE length(last_name) > 100;
UPDATE persons SET email = substr(email, 1, 254) WHERE length(email) > 254;
UPDATE persons SET phone = substr(phone, 1, 100) WHERE length(phone) > 100;
UPDATE persons SET address_line1 = substr(address_line1, 1, 100) WHERE length(address_line1) > 100;
UPDATE persons SET address_line2 = substr(address_line2, 1, 100) WHERE length(address_line2) > 100;
UPDATE persons SET postal_code = substr(postal_code, 1, 20) WHERE length(postal_code) > 20;
UPDATE persons SET city = substr(city, 1, 100) WHERE length(city) > 100;
UPDATE persons SET country = substr(country, 1, 100) WHERE length(country) > 100;
UPDATE companies SET name = substr(name, 1, 200) WHERE length(name) > 200;
UPDATE companies SET address_line1 = substr(address_line1, 1, 100) WHERE length(address_line1) > 100;
UPDATE companies SET address_line2 = substr(address_line2, 1, 100) WHERE length(address_line2) > 100;
UPDATE companies SET postal_code = substr(postal_code, 1, 20) WHERE length(postal_code) > 20;
UPDATE companies SET city = substr(city, 1, 100) WHERE length(city) > 100;
UPDATE companies SET country = substr(country, 1, 100) WHERE length(country) > 100;
UPDATE companies SET invoice_address_line1 = substr(invoice_address_line1, 1, 100) WHERE length(invoice_address_line1) > 100;
UPDATE companies SET invoice_address_line2 = substr(invoice_address_line2, 1, 100) WHERE length(invoice_address_line2) > 100;
UPDATE companies SET invoice_postal_code = substr(invoice_postal_code, 1, 20) WHERE length(invoice_postal_code) > 20;
UPDATE companies SET invoice_city = substr(invoice_city, 1, 100) WHERE length(invoice_city) > 100;
UPDATE companies SET invoice_country = substr(invoice_country, 1, 100) WHERE length(invoice_country) > 100;
UPDATE companies SET invoice_email = substr(invoice_email, 1, 254) WHERE length(invoice_email) > 254;
UPDATE cases SET external_body = substr(external_body, 1, 200) WHERE length(external_body) > 200;
UPDATE cases SET external_country = substr(external_country, 1, 100) WHERE length(external_country) > 100;
UPDATE cases SET external_number = substr(external_number, 1, 100) WHERE length(external_number) > 100;
UPDATE cases SET decision_reason = substr(decision_reason, 1, 2000) WHERE length(decision_reason) > 2000;
UPDATE moments SET review_comment = substr(review_comment, 1, 2000) WHERE length(review_comment) > 2000;
UPDATE moment_reviews SET comment = substr(comment, 1, 2000) WHERE length(comment) > 2000;
UPDATE invoice_recipients SET name = substr(name, 1, 200) WHERE length(name) > 200;
UPDATE invoice_recipients SET address_line1 = substr(address_line1, 1, 100) WHERE length(address_line1) > 100;
UPDATE invoice_recipients SET address_line2 = substr(address_line2, 1, 100) WHERE length(address_line2) > 100;
UPDATE invoice_recipients SET postal_code = substr(postal_code, 1, 20) WHERE length(postal_code) > 20;
UPDATE invoice_recipients SET city = substr(city, 1, 100) WHERE length(city) > 100;
UPDATE invoice_recipients SET country = substr(country, 1, 100) WHERE length(country) > 100;
UPDATE invoice_recipients SET phone = substr(phone, 1, 100) WHERE length(phone) > 100;
UPDATE invoice_recipients SET email = substr(email, 1, 254) WHERE length(email) > 254;
UPDATE invoice_recipients SET reference = substr(reference, 1, 100) WHERE length(reference) > 100;
UPDATE decisions SET reason = substr(reason, 1, 2000) WHERE length(reason) > 2000;

-- persons (and sessions, email_tokens and company_admins, which the drop empties through
-- ON DELETE CASCADE: they are kept above and put back at the end)
CREATE TEMP TABLE persons_rows AS SELECT * FROM persons;
DROP TABLE persons;
CREATE TABLE persons (
  id TEXT PRIMARY KEY NOT NULL,
  personnummer TEXT UNIQUE,
  first_name TEXT NOT NULL CONSTRAINT persons_first_name_length CHECK (length(first_name) <= 100),
  last_name TEXT NOT NULL CONSTRAINT persons_last_name_length CHECK (length(last_name) <= 100),
  email TEXT NOT NULL UNIQUE CONSTRAINT persons_email_length CHECK (length(email) <= 254),
  email_verified_at TIMESTAMP,
  password_hash TEXT,
  phone TEXT NOT NULL DEFAULT '' CONSTRAINT persons_phone_length CHECK (length(phone) <= 100),
  address_line1 TEXT NOT NULL DEFAULT '' CONSTRAINT persons_address_line1_length CHECK (length(address_line1) <= 100),
  address_line2 TEXT NOT NULL DEFAULT '' CONSTRAINT persons_address_line2_length CHECK (length(address_line2) <= 100),
  postal_code TEXT NOT NULL DEFAULT '' CONSTRAINT persons_postal_code_length CHECK (length(postal_code) <= 20),
  city TEXT NOT NULL DEFAULT '' CONSTRAINT persons_city_length CHECK (length(city) <= 100),
  country TEXT NOT NULL DEFAULT '' CONSTRAINT persons_country_length CHECK (length(country) <= 100),
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
  name TEXT NOT NULL CONSTRAINT companies_name_length CHECK (length(name) <= 200),
  address_line1 TEXT NOT NULL DEFAULT '' CONSTRAINT companies_address_line1_length CHECK (length(address_line1) <= 100),
  address_line2 TEXT NOT NULL DEFAULT '' CONSTRAINT companies_address_line2_length CHECK (length(address_line2) <= 100),
  postal_code TEXT NOT NULL DEFAULT '' CONSTRAINT companies_postal_code_length CHECK (length(postal_code) <= 20),
  city TEXT NOT NULL DEFAULT '' CONSTRAINT companies_city_length CHECK (length(city) <= 100),
  country TEXT NOT NULL DEFAULT '' CONSTRAINT companies_country_length CHECK (length(country) <= 100),
  invoice_address_line1 TEXT NOT NULL DEFAULT '' CONSTRAINT companies_invoice_address_line1_length CHECK (length(invoice_address_line1) <= 100),
  invoice_address_line2 TEXT NOT NULL DEFAULT '' CONSTRAINT companies_invoice_address_line2_length CHECK (length(invoice_address_line2) <= 100),
  invoice_postal_code TEXT NOT NULL DEFAULT '' CONSTRAINT companies_invoice_postal_code_length CHECK (length(invoice_postal_code) <= 20),
  invoice_city TEXT NOT NULL DEFAULT '' CONSTRAINT companies_invoice_city_length CHECK (length(invoice_city) <= 100),
  invoice_country TEXT NOT NULL DEFAULT '' CONSTRAINT companies_invoice_country_length CHECK (length(invoice_country) <= 100),
  invoice_email TEXT NOT NULL DEFAULT '' CONSTRAINT companies_invoice_email_length CHECK (length(invoice_email) <= 254),
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
  external_body TEXT NOT NULL DEFAULT '' CONSTRAINT cases_external_body_length CHECK (length(external_body) <= 200),
  external_country TEXT NOT NULL DEFAULT '' CONSTRAINT cases_external_country_length CHECK (length(external_country) <= 100),
  external_number TEXT NOT NULL DEFAULT '' CONSTRAINT cases_external_number_length CHECK (length(external_number) <= 100),
  decision_reason TEXT NOT NULL DEFAULT '' CONSTRAINT cases_decision_reason_length CHECK (length(decision_reason) <= 2000),
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
  comment TEXT NOT NULL DEFAULT '' CONSTRAINT moment_reviews_comment_length CHECK (length(comment) <= 2000),
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
  name TEXT NOT NULL DEFAULT '' CONSTRAINT invoice_recipients_name_length CHECK (length(name) <= 200),
  address_line1 TEXT NOT NULL CONSTRAINT invoice_recipients_address_line1_length CHECK (length(address_line1) <= 100),
  address_line2 TEXT NOT NULL DEFAULT '' CONSTRAINT invoice_recipients_address_line2_length CHECK (length(address_line2) <= 100),
  postal_code TEXT NOT NULL CONSTRAINT invoice_recipients_postal_code_length CHECK (length(postal_code) <= 20),
  city TEXT NOT NULL CONSTRAINT invoice_recipients_city_length CHECK (length(city) <= 100),
  country TEXT NOT NULL CONSTRAINT invoice_recipients_country_length CHECK (length(country) <= 100),
  phone TEXT NOT NULL DEFAULT '' CONSTRAINT invoice_recipients_phone_length CHECK (length(phone) <= 100),
  email TEXT NOT NULL DEFAULT '' CONSTRAINT invoice_recipients_email_length CHECK (length(email) <= 254),
  reference TEXT NOT NULL DEFAULT '' CONSTRAINT invoice_recipients_reference_length CHECK (length(reference) <= 100),
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
  reason TEXT NOT NULL DEFAULT '' CONSTRAINT decisions_reason_length CHECK (length(reason) <= 2000)
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
