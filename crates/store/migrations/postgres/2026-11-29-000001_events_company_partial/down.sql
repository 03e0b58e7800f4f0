DROP INDEX events_company;
CREATE INDEX events_company ON events(company_id, at, id);
