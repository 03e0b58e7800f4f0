DROP TRIGGER employments_name_key_person;
DROP TRIGGER employments_name_key_insert;
DROP INDEX employments_company_names;
ALTER TABLE employments DROP COLUMN person_name_key;
