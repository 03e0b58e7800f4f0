DROP TRIGGER employments_name_key_person;
CREATE TRIGGER employments_name_key_person AFTER UPDATE OF name_key ON persons
BEGIN
  UPDATE employments SET person_name_key = NEW.name_key WHERE person_id = NEW.id;
END;

DROP TRIGGER cases_holder_key_person;
CREATE TRIGGER cases_holder_key_person AFTER UPDATE OF name_key ON persons
BEGIN
  UPDATE cases SET holder_key = NEW.name_key WHERE person_id = NEW.id;
END;
