-- Employments («Anställningar») and the company certificate's standing.
CREATE TABLE employments (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  status TEXT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE,
  requested_at TIMESTAMP NOT NULL,
  decided_at TIMESTAMP,
  decided_by TEXT REFERENCES persons(id),
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX employments_person ON employments(person_id);
CREATE INDEX employments_company ON employments(company_id, status);
-- One open (waiting or confirmed) employment per person and company.
CREATE UNIQUE INDEX employments_one_open ON employments(person_id, company_id) WHERE status IN ('pending', 'confirmed');

-- none: never had a qualifying employee; active; at_risk: the last one went.
ALTER TABLE companies ADD COLUMN certificate_status TEXT NOT NULL DEFAULT 'none';
ALTER TABLE companies ADD COLUMN certificate_status_since TIMESTAMP;
