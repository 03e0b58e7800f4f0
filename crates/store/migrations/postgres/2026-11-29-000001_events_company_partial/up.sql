-- «Händelselogg»'s index by company holds only the events that concern a company (issue
-- 11). No page reads events by company; the index is there for the foreign key to
-- `companies` (a lookup of a company's events) and stays for that. Every event was an entry
-- in it: at full size 5.8 M entries, 385 000 of them a company's, 433 MB of SQLite's 7 GB,
-- and a b-tree insert on every event written, also by the seeder. A lookup by
-- `company_id = ?` implies `company_id IS NOT NULL`, so both databases use the partial
-- index for it.
DROP INDEX events_company;
CREATE INDEX events_company ON events(company_id, at, id) WHERE company_id IS NOT NULL;
