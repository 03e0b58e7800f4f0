-- Back to before the certificate's life: cases and decisions rebuilt without the new
DELETE FROM counters WHERE name = 'mail-rate';
-- columns and codes (rows in the new statuses or kinds cannot go back and are refused).
PRAGMA defer_foreign_keys = ON;
DROP INDEX outbox_claimed;
ALTER TABLE outbox DROP COLUMN claimed_at;
DROP TABLE reminders;
DROP TABLE annual_attestations;
ALTER TABLE moment_templates DROP COLUMN for_recertification;
ALTER TABLE certificate_types DROP COLUMN accepts_applications;

CREATE TEMP TABLE decisions_rows AS SELECT id, case_id, kind, decided_by, decided_at, reason FROM decisions;
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

CREATE TEMP TABLE cases_rows AS SELECT id, number, person_id, type_id, status, certificate_number, issued_on, valid_until, latest_decision_on, annual_renewal_on, recertification_on, external_body, external_country, external_number, decision_reason, created_at, updated_at FROM cases;
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
CREATE UNIQUE INDEX cases_one_open ON cases(person_id, type_id) WHERE status = 'in_progress';
