-- Accounts, sessions, e-mail tokens, login throttling, the outbox, the event log and companies.
-- Ids are UUID v7 as TEXT; times are UTC.
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

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP
);
CREATE INDEX email_tokens_person ON email_tokens(person_id, purpose);

CREATE TABLE login_failures (
  id TEXT PRIMARY KEY NOT NULL,
  email TEXT NOT NULL,
  at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email_at ON login_failures(email, at);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP NOT NULL,
  sent_at TIMESTAMP,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(sent_at, next_attempt_at);

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
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE company_admins (
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (company_id, person_id)
);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE events (
  id TEXT PRIMARY KEY NOT NULL,
  at TIMESTAMP NOT NULL,
  actor_id TEXT REFERENCES persons(id),
  person_id TEXT REFERENCES persons(id),
  company_id TEXT REFERENCES companies(id),
  case_id TEXT,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_person ON events(person_id, at);
CREATE INDEX events_case ON events(case_id, at);
CREATE INDEX events_company ON events(company_id, at);

CREATE TABLE counters (
  name TEXT PRIMARY KEY NOT NULL,
  value BIGINT NOT NULL
);
