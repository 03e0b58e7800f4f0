-- A profile save always sets persons.name_key, so the triggers that copy it to the
-- person's employments and cases rewrote those rows on every save, also when the name was
-- unchanged. Now they fire only when the key changes.
DROP TRIGGER employments_name_key_person;
CREATE TRIGGER employments_name_key_person AFTER UPDATE OF name_key ON persons
WHEN OLD.name_key IS NOT NEW.name_key
BEGIN
  UPDATE employments SET person_name_key = NEW.name_key WHERE person_id = NEW.id;
END;

DROP TRIGGER cases_holder_key_person;
CREATE TRIGGER cases_holder_key_person AFTER UPDATE OF name_key ON persons
WHEN OLD.name_key IS NOT NEW.name_key
BEGIN
  UPDATE cases SET holder_key = NEW.name_key WHERE person_id = NEW.id;
END;
