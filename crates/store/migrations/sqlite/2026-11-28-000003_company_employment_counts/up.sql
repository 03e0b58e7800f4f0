-- How many employments a company has in each status (issue 11). The company page shows
-- the count of each of its three lists on every view, and counting the big company's
-- 2 000 current employees read 2 000 index entries each time, in a statement of its own
-- per list. The triggers on employments keep the counts in the same transaction as the
-- employment itself; the page reads the company's rows in one statement.
CREATE TABLE company_employment_counts (
  company_id TEXT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (company_id, status)
);

INSERT INTO company_employment_counts (company_id, status, n)
SELECT company_id, status, COUNT(*) FROM employments GROUP BY company_id, status;

CREATE TRIGGER company_employment_count_insert AFTER INSERT ON employments
BEGIN
  INSERT INTO company_employment_counts (company_id, status, n)
  VALUES (NEW.company_id, NEW.status, 1)
  ON CONFLICT (company_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER company_employment_count_delete AFTER DELETE ON employments
BEGIN
  UPDATE company_employment_counts SET n = n - 1
   WHERE company_id = OLD.company_id AND status = OLD.status;
END;

CREATE TRIGGER company_employment_count_update AFTER UPDATE OF company_id, status ON employments
  WHEN OLD.company_id IS NOT NEW.company_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE company_employment_counts SET n = n - 1
   WHERE company_id = OLD.company_id AND status = OLD.status;
  INSERT INTO company_employment_counts (company_id, status, n)
  VALUES (NEW.company_id, NEW.status, 1)
  ON CONFLICT (company_id, status) DO UPDATE SET n = n + 1;
END;
