-- Throttling that slows a stranger without shutting out the owner.
--
-- Failed logins are counted per client address as well as per account (OWASP: per client,
-- and per account from that client), so the client that failed is recorded with each.
-- Earlier rows get '' and match no client; they age out with the rest.
ALTER TABLE login_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
DROP INDEX login_failures_email_at;
CREATE INDEX login_failures_email_client_at ON login_failures(email, client, at);
CREATE INDEX login_failures_client_at ON login_failures(client, at);
CREATE INDEX login_failures_at ON login_failures(at);

-- The mails a public form sends to an account (a reset link, a new verification link, the
-- «already registered» notice), so each kind is limited per account and hour, on every
-- instance alike.
CREATE TABLE limited_mails (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CONSTRAINT limited_mails_kind_check CHECK (kind IN ('reset', 'verify-resend', 'already-registered')),
  sent_at TIMESTAMP NOT NULL
);
CREATE INDEX limited_mails_person_kind_sent ON limited_mails(person_id, kind, sent_at);
