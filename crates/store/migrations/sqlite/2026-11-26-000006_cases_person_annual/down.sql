DROP INDEX cases_person;
CREATE INDEX cases_person ON cases(person_id);
