-- «Årlig förlängning» on the company page lists the employees' certificates whose yearly
-- renewal falls due (issue 11). Reached through the employments, that meant probing the
-- certificates of every employee, 2 000 of them at the big company, twice per view. The
-- employment now carries its person's earliest renewal date among the active and inactive
-- certificates, so an index finds the few employees with something due. Triggers keep the
-- copy: set when the employment is made, followed when a certificate's status or renewal
-- date changes, or a case is added or removed.
-- INDEXED BY: left to itself, SQLite answers min() from cases_annual_due(status,
-- annual_renewal_on), walking every active certificate of the body for one person.
ALTER TABLE employments ADD COLUMN annual_due_on DATE;
UPDATE employments SET annual_due_on = (
  SELECT min(c.annual_renewal_on) FROM cases c INDEXED BY cases_register
  WHERE c.person_id = employments.person_id AND c.status IN ('active', 'inactive'));
CREATE INDEX employments_company_annual ON employments(company_id, status, annual_due_on);

CREATE TRIGGER employments_annual_insert AFTER INSERT ON employments
BEGIN
  UPDATE employments SET annual_due_on = (
    SELECT min(c.annual_renewal_on) FROM cases c INDEXED BY cases_register
    WHERE c.person_id = NEW.person_id AND c.status IN ('active', 'inactive'))
  WHERE id = NEW.id;
END;

CREATE TRIGGER employments_annual_case_insert AFTER INSERT ON cases
WHEN NEW.annual_renewal_on IS NOT NULL
BEGIN
  UPDATE employments SET annual_due_on = (
    SELECT min(c.annual_renewal_on) FROM cases c INDEXED BY cases_register
    WHERE c.person_id = NEW.person_id AND c.status IN ('active', 'inactive'))
  WHERE person_id = NEW.person_id;
END;

CREATE TRIGGER employments_annual_case_update AFTER UPDATE OF status, annual_renewal_on ON cases
WHEN OLD.status IS NOT NEW.status OR OLD.annual_renewal_on IS NOT NEW.annual_renewal_on
BEGIN
  UPDATE employments SET annual_due_on = (
    SELECT min(c.annual_renewal_on) FROM cases c INDEXED BY cases_register
    WHERE c.person_id = NEW.person_id AND c.status IN ('active', 'inactive'))
  WHERE person_id = NEW.person_id;
END;

CREATE TRIGGER employments_annual_case_delete AFTER DELETE ON cases
WHEN OLD.annual_renewal_on IS NOT NULL
BEGIN
  UPDATE employments SET annual_due_on = (
    SELECT min(c.annual_renewal_on) FROM cases c INDEXED BY cases_register
    WHERE c.person_id = OLD.person_id AND c.status IN ('active', 'inactive'))
  WHERE person_id = OLD.person_id;
END;
