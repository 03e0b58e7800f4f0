DROP TRIGGER employments_name_key_person ON persons;
CREATE TRIGGER employments_name_key_person AFTER UPDATE OF name_key ON persons
  FOR EACH ROW EXECUTE FUNCTION employments_name_key_person();

DROP TRIGGER cases_holder_key_person ON persons;
CREATE TRIGGER cases_holder_key_person AFTER UPDATE OF name_key ON persons
  FOR EACH ROW EXECUTE FUNCTION cases_holder_key_person();
