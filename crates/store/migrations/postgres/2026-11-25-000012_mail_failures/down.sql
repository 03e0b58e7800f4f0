DROP INDEX outbox_failed;
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox(sent_at, next_attempt_at);
ALTER TABLE outbox DROP COLUMN failed_at;
