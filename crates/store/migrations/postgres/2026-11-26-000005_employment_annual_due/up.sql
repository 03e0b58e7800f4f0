-- «Årlig förlängning» on the company page lists the employees' certificates whose yearly
-- renewal falls due (issue 11). Reached through the employments, that meant probing the
-- certificates of every employee, 2 000 of them at the big company, twice per view. The
-- employment now carries its person's earliest renewal date among the active and inactive
-- certificates, so an index finds the few employees with something due. Triggers keep the
-- copy: set when the employment is made, followed when a certificate's status or renewal
-- date changes, or a case is added or removed.
ALTER TABLE employments ADD COLUMN annual_due_on DATE;

CREATE FUNCTION employments_annual_due(person TEXT) RETURNS DATE AS $$
  SELECT min(c.annual_renewal_on) FROM cases c
  WHERE c.person_id = person AND c.status IN ('active', 'inactive')
$$ LANGUAGE sql STABLE;

UPDATE employments SET annual_due_on = employments_annual_due(person_id);
CREATE INDEX employments_company_annual ON employments(company_id, status, annual_due_on);

CREATE FUNCTION employments_annual_insert() RETURNS trigger AS $$
BEGIN
  NEW.annual_due_on := employments_annual_due(NEW.person_id);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER employments_annual_insert BEFORE INSERT ON employments
  FOR EACH ROW EXECUTE FUNCTION employments_annual_insert();

CREATE FUNCTION employments_annual_case() RETURNS trigger AS $$
DECLARE
  person TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    person := OLD.person_id;
  ELSE
    person := NEW.person_id;
  END IF;
  UPDATE employments SET annual_due_on = employments_annual_due(person)
  WHERE person_id = person
    AND annual_due_on IS DISTINCT FROM employments_annual_due(person);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER employments_annual_case_insert AFTER INSERT ON cases
  FOR EACH ROW WHEN (NEW.annual_renewal_on IS NOT NULL)
  EXECUTE FUNCTION employments_annual_case();
CREATE TRIGGER employments_annual_case_update AFTER UPDATE OF status, annual_renewal_on ON cases
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                     OR OLD.annual_renewal_on IS DISTINCT FROM NEW.annual_renewal_on)
  EXECUTE FUNCTION employments_annual_case();
CREATE TRIGGER employments_annual_case_delete AFTER DELETE ON cases
  FOR EACH ROW WHEN (OLD.annual_renewal_on IS NOT NULL)
  EXECUTE FUNCTION employments_annual_case();
