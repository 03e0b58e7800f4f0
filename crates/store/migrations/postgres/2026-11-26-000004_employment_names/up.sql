-- The company page lists a company's employees by name, a page at a time (issue 11): with
-- the person's name key on the employment, the index gives a page of the 2 000 employees of
-- a big company in order, where a join had to read and sort all of them on every view.
-- Triggers keep the copy: set when the employment is made, changed with the person's name.
ALTER TABLE employments ADD COLUMN person_name_key TEXT NOT NULL DEFAULT '';
UPDATE employments e SET person_name_key = p.name_key FROM persons p WHERE p.id = e.person_id;
CREATE INDEX employments_company_names ON employments(company_id, status, person_name_key, id);

CREATE FUNCTION employments_name_key_insert() RETURNS trigger AS $$
BEGIN
  NEW.person_name_key := COALESCE((SELECT p.name_key FROM persons p WHERE p.id = NEW.person_id), '');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER employments_name_key_insert BEFORE INSERT ON employments
  FOR EACH ROW EXECUTE FUNCTION employments_name_key_insert();

CREATE FUNCTION employments_name_key_person() RETURNS trigger AS $$
BEGIN
  UPDATE employments SET person_name_key = NEW.name_key WHERE person_id = NEW.id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER employments_name_key_person AFTER UPDATE OF name_key ON persons
  FOR EACH ROW EXECUTE FUNCTION employments_name_key_person();
