-- Indexes the main pages need at a real body's size (issue 11; the `scale` integration
-- test explains every statement of the main pages and fails on a full scan).
-- The case page lists a case's files: without this, a scan of every upload ever made.
CREATE INDEX files_case ON files(case_id, uploaded_at);
-- The review page lists one moment's reviews, newest first.
CREATE INDEX moment_reviews_moment ON moment_reviews(moment_id, at);
-- "Does the case have a moment not yet approved?" (the final-review queue) answered from
-- the index alone; it serves every lookup by case as moments_case did.
DROP INDEX moments_case;
CREATE INDEX moments_case ON moments(case_id, status);
-- The count of the officers' queue: the queued moments' cases read from the index alone,
-- each case then probed by its key.
CREATE INDEX moments_queue_cases ON moments(status, case_id);
