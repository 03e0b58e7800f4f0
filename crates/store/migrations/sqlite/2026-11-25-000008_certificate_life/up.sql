-- The certificate's life after issue: «Inaktivt», «Suspenderat», «Återkallat» and
-- «Omcertifierad»; the yearly attestations («Årlig förlängning»); the reminders sent once
-- per certificate, kind and due date; decisions after issue (suspend, lift, withdraw,
-- reduce scope); types closed to new applications and recertification moments; the
-- outbox's claim time, by which mail is sent at a bounded rate.
--
-- A recertified case hands its certificate number to the case that recertified it, so a
-- number is unique only among the cases that are not «Omcertifierad».
--
-- SQLite cannot change a CHECK or drop a column's UNIQUE: cases and decisions are rebuilt
-- as 2026-11-25-000006_text_limits does (same columns in the same order, the new ones at
-- the end as PostgreSQL's ALTER TABLE adds them). Nothing references them ON DELETE
-- CASCADE, so their drops empty no other table.
PRAGMA defer_foreign_keys = ON;

-- cases
CREATE TEMP TABLE cases_rows AS SELECT * FROM cases;
DROP TABLE cases;
CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  number BIGINT NOT NULL UNIQUE,
  person_id TEXT NOT NULL REFERENCES persons(id),
  type_id TEXT NOT NULL REFERENCES certificate_types(id),
  status TEXT NOT NULL CONSTRAINT cases_status_check CHECK (status IN ('in_progress', 'active', 'rejected', 'expired', 'inactive', 'suspended', 'withdrawn', 'recertified')),
  certificate_number TEXT,
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
  updated_at TIMESTAMP NOT NULL,
  suspended_until DATE,
  scope_note TEXT NOT NULL DEFAULT '' CONSTRAINT cases_scope_note_length CHECK (length(scope_note) <= 2000),
  renews_case_id TEXT REFERENCES cases(id),
  renewed_by_case_id TEXT REFERENCES cases(id)
);
INSERT INTO cases SELECT *, NULL, '', NULL, NULL FROM cases_rows;
DROP TABLE cases_rows;
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_status ON cases(status, updated_at);
-- One open case per person and type.
CREATE UNIQUE INDEX cases_one_open ON cases(person_id, type_id) WHERE status = 'in_progress';
CREATE UNIQUE INDEX cases_certificate_number ON cases(certificate_number) WHERE status <> 'recertified';
-- The daily jobs: attestations falling due, validity ending, suspensions ending.
CREATE INDEX cases_annual_due ON cases(status, annual_renewal_on);
CREATE INDEX cases_valid_until ON cases(status, valid_until);
CREATE INDEX cases_suspended_until ON cases(status, suspended_until);
CREATE INDEX cases_renews ON cases(renews_case_id);

-- decisions
CREATE TEMP TABLE decisions_rows AS SELECT * FROM decisions;
DROP TABLE decisions;
CREATE TABLE decisions (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CONSTRAINT decisions_kind_check CHECK (kind IN ('issue', 'reject', 'suspend', 'lift_suspension', 'withdraw', 'reduce_scope')),
  decided_by TEXT NOT NULL REFERENCES persons(id),
  decided_at TIMESTAMP NOT NULL,
  reason TEXT NOT NULL DEFAULT '' CONSTRAINT decisions_reason_length CHECK (length(reason) <= 2000),
  until_on DATE
);
INSERT INTO decisions SELECT *, NULL FROM decisions_rows;
DROP TABLE decisions_rows;
CREATE INDEX decisions_case ON decisions(case_id);

ALTER TABLE certificate_types ADD COLUMN accepts_applications BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE moment_templates ADD COLUMN for_recertification BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE annual_attestations (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  due_on DATE NOT NULL,
  basis TEXT NOT NULL CONSTRAINT annual_attestations_basis_check CHECK (basis IN ('employer', 'self_employed', 'staff')),
  attested_by TEXT NOT NULL REFERENCES persons(id),
  company_id TEXT REFERENCES companies(id),
  note TEXT NOT NULL DEFAULT '' CONSTRAINT annual_attestations_note_length CHECK (length(note) <= 2000),
  at TIMESTAMP NOT NULL,
  UNIQUE (case_id, due_on)
);

CREATE TABLE reminders (
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CONSTRAINT reminders_kind_check CHECK (kind IN ('annual', 'recertification')),
  due_on DATE NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  PRIMARY KEY (case_id, kind, due_on)
);

ALTER TABLE outbox ADD COLUMN claimed_at TIMESTAMP;
CREATE INDEX outbox_claimed ON outbox(claimed_at);

-- Claims of mail take this row's lock first (crates/store/src/models/outbox.rs).
INSERT INTO counters (name, value) VALUES ('mail-rate', 0);
