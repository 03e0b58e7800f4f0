-- «Sök certifierade» finds holders by the start of their name key and lists their
-- certificates in name order. With the holder's key on the case, the count and a page
-- are one range of one index, where the join probed cases_register once per holder (501
-- probes to count "andersson"). Triggers keep the copy: set when the case is made,
-- changed with the person's name.
ALTER TABLE cases ADD COLUMN holder_key TEXT NOT NULL DEFAULT '';
UPDATE cases SET holder_key = COALESCE((SELECT p.name_key FROM persons p WHERE p.id = cases.person_id), '');
CREATE INDEX cases_holder ON cases(holder_key, person_id, certificate_number, id, status, type_id);

CREATE TRIGGER cases_holder_key_insert AFTER INSERT ON cases
BEGIN
  UPDATE cases SET holder_key = COALESCE((SELECT p.name_key FROM persons p WHERE p.id = NEW.person_id), '')
  WHERE id = NEW.id;
END;

CREATE TRIGGER cases_holder_key_person AFTER UPDATE OF name_key ON persons
BEGIN
  UPDATE cases SET holder_key = NEW.name_key WHERE person_id = NEW.id;
END;
