-- Outgoing mail that the mail server refused for good (or that ran out of attempts) is
-- marked failed, is never claimed again, and is listed in «Administration» («Utgående
-- e-post») until an administrator sends it again.
ALTER TABLE outbox ADD COLUMN failed_at TIMESTAMP;
-- Claims walk the unsent, unfailed mail by due time (sent and failed mail lie outside the
-- range), and the queue's count is a range of the same index.
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox(sent_at, failed_at, next_attempt_at);
-- «Utgående e-post»: the failed mail, newest first, paged and counted by this index.
CREATE INDEX outbox_failed ON outbox(failed_at, id);
