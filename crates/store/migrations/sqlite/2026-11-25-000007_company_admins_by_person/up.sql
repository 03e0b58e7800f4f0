-- The menu and the start page find the companies a person administers on every signed-in
-- page: the primary key (company_id, person_id) cannot serve a lookup by person alone.
CREATE INDEX company_admins_person ON company_admins(person_id);
