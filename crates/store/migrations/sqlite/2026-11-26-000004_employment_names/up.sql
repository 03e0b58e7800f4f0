-- The company page lists a company's employees by name, a page at a time (issue 11): with
-- the person's name key on the employment, the index gives a page of the 2 000 employees of
-- a big company in order, where a join had to read and sort all of them on every view.
-- Triggers keep the copy: set when the employment is made, changed with the person's name.
ALTER TABLE employments ADD COLUMN person_name_key TEXT NOT NULL DEFAULT '';
UPDATE employments SET person_name_key = (SELECT p.name_key FROM persons p WHERE p.id = employments.person_id);
CREATE INDEX employments_company_names ON employments(company_id, status, person_name_key, id);

CREATE TRIGGER employments_name_key_insert AFTER INSERT ON employments
BEGIN
  UPDATE employments SET person_name_key = (SELECT p.name_key FROM persons p WHERE p.id = NEW.person_id)
  WHERE id = NEW.id;
END;

CREATE TRIGGER employments_name_key_person AFTER UPDATE OF name_key ON persons
BEGIN
  UPDATE employments SET person_name_key = NEW.name_key WHERE person_id = NEW.id;
END;
