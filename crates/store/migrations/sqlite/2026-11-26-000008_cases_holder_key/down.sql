DROP TRIGGER cases_holder_key_person;
DROP TRIGGER cases_holder_key_insert;
DROP INDEX cases_holder;
ALTER TABLE cases DROP COLUMN holder_key;
