-- A profile save always sets persons.name_key, so the triggers that copy it to the
-- person's employments and cases rewrote those rows on every save, also when the name was
-- unchanged. Now they fire only when the key changes.
DROP TRIGGER employments_name_key_person ON persons;
CREATE TRIGGER employments_name_key_person AFTER UPDATE OF name_key ON persons
  FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key)
  EXECUTE FUNCTION employments_name_key_person();

DROP TRIGGER cases_holder_key_person ON persons;
CREATE TRIGGER cases_holder_key_person AFTER UPDATE OF name_key ON persons
  FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key)
  EXECUTE FUNCTION cases_holder_key_person();
