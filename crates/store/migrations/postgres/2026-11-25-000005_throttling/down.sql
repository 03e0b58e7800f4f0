DROP TABLE limited_mails;

DROP INDEX login_failures_at;
DROP INDEX login_failures_client_at;
DROP INDEX login_failures_email_client_at;
ALTER TABLE login_failures DROP COLUMN client;
CREATE INDEX login_failures_email_at ON login_failures(email, at);
