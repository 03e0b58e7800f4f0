DROP INDEX moments_queue_cases;
DROP INDEX moments_case;
CREATE INDEX moments_case ON moments(case_id);
DROP INDEX moment_reviews_moment;
DROP INDEX files_case;
