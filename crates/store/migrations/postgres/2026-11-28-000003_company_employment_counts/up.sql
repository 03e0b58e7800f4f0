-- How many employments a company has in each status (issue 11). The company page shows
-- the count of each of its three lists on every view, and counting the big company's
-- 2 000 current employees read 2 000 index entries each time, in a statement of its own
-- per list. The trigger on employments keeps the counts in the same transaction as the
-- employment itself; the page reads the company's rows in one statement.
CREATE TABLE company_employment_counts (
  company_id TEXT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (company_id, status)
);

INSERT INTO company_employment_counts (company_id, status, n)
SELECT company_id, status, COUNT(*) FROM employments GROUP BY company_id, status;

CREATE FUNCTION company_employment_count() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.company_id = NEW.company_id AND OLD.status = NEW.status THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE company_employment_counts SET n = n - 1
     WHERE company_id = OLD.company_id AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO company_employment_counts (company_id, status, n)
    VALUES (NEW.company_id, NEW.status, 1)
    ON CONFLICT (company_id, status) DO UPDATE SET n = company_employment_counts.n + 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER company_employment_count
  AFTER INSERT OR DELETE OR UPDATE OF company_id, status ON employments
  FOR EACH ROW EXECUTE FUNCTION company_employment_count();
