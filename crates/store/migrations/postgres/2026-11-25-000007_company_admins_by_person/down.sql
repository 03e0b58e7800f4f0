DROP INDEX company_admins_person;
