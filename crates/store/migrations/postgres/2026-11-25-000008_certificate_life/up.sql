-- The certificate's life after issue: «Inaktivt», «Suspenderat», «Återkallat» and
-- «Omcertifierad»; the yearly attestations («Årlig förlängning»); the reminders sent once
-- per certificate, kind and due date; decisions after issue (suspend, lift, withdraw,
-- reduce scope); types closed to new applications and recertification moments; the
-- outbox's claim time, by which mail is sent at a bounded rate.
--
-- A recertified case hands its certificate number to the case that recertified it, so a
-- number is unique only among the cases that are not «Omcertifierad».
ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check
  CHECK (status IN ('in_progress', 'active', 'rejected', 'expired', 'inactive', 'suspended', 'withdrawn', 'recertified'));
ALTER TABLE cases DROP CONSTRAINT cases_certificate_number_key;
ALTER TABLE cases ADD COLUMN suspended_until DATE;
ALTER TABLE cases ADD COLUMN scope_note TEXT NOT NULL DEFAULT ''
  CONSTRAINT cases_scope_note_length CHECK (length(scope_note) <= 2000);
ALTER TABLE cases ADD COLUMN renews_case_id TEXT REFERENCES cases(id);
ALTER TABLE cases ADD COLUMN renewed_by_case_id TEXT REFERENCES cases(id);
CREATE UNIQUE INDEX cases_certificate_number ON cases(certificate_number) WHERE status <> 'recertified';
-- The daily jobs: attestations falling due, validity ending, suspensions ending.
CREATE INDEX cases_annual_due ON cases(status, annual_renewal_on);
CREATE INDEX cases_valid_until ON cases(status, valid_until);
CREATE INDEX cases_suspended_until ON cases(status, suspended_until);
CREATE INDEX cases_renews ON cases(renews_case_id);

ALTER TABLE decisions DROP CONSTRAINT decisions_kind_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_kind_check
  CHECK (kind IN ('issue', 'reject', 'suspend', 'lift_suspension', 'withdraw', 'reduce_scope'));
ALTER TABLE decisions ADD COLUMN until_on DATE;

ALTER TABLE certificate_types ADD COLUMN accepts_applications BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE moment_templates ADD COLUMN for_recertification BOOLEAN NOT NULL DEFAULT FALSE;

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
